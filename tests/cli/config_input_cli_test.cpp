// What comes from inside configuration files, end to end: hostile values (deep nesting,
// huge values, numbers beyond double, control characters) give a short, escaped message
// naming the file and key, with exit 2 and no crash; derived sizes, fixed values and
// buffers that no design could use are refused naming the key; every layer of a workload
// keeps its name through search, export, report and simulate.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::tests::Outcome;
using nlohmann::json;

class ConfigInputCli : public codesign::tests::CliTest {
 protected:
  std::string write_text(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }

  static json fc(const std::string& name, int in, int out) {
    return {{"name", name}, {"type", "fc"}, {"in", in}, {"out", out}};
  }

  // simulate at model fidelity (no RTL build) with these files.
  Outcome simulate(const std::string& hw_file, const std::string& workload_file,
                   std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"simulate",    "--hw",       hw_file, "--workload",
                                     workload_file, "--fidelity", "model", "--mapper-budget",
                                     "20"};
    args.insert(args.end(), more.begin(), more.end());
    return codesign(args, 120);
  }

  std::string workload_file(const std::vector<json>& layers) {
    return write("w.json", {{"name", "w"}, {"layers", layers}});
  }

  std::string hw_file() { return write("hw.json", small_hw()); }

  // A refusal: exit 2, the message on one short line, no control characters.
  static void expect_refused(const Outcome& o, const std::string& message) {
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(message), std::string::npos) << o.output;
    EXPECT_LT(o.output.size(), 2500u) << o.output.substr(0, 300);
    for (const char c : o.output) {
      if (c == '\n') continue;
      ASSERT_GE(static_cast<unsigned char>(c), 0x20) << o.output;
    }
  }
};

TEST_F(ConfigInputCli, DeeplyNestedValuesAreRefusedWithoutACrash) {
  const std::size_t depth = 100000;
  std::string hw_text = small_hw().dump();
  hw_text.insert(1, "\"name\": " + std::string(depth, '[') + std::string(depth, ']') + ", ");
  expect_refused(simulate(write_text("hw.json", hw_text), workload_file({fc("f", 4, 4)})),
                 "hw.json: name[0][0][0]");
  expect_refused(simulate(write_text("hw.json", hw_text), workload_file({fc("f", 4, 4)})),
                 "nested deeper than 64 levels");
  std::string rows;
  for (std::size_t i = 0; i < depth; ++i) rows += "{\"a\":";
  rows += "1" + std::string(depth, '}');
  std::string w_text =
      R"({"name": "w", "layers": [{"name": "f", "type": "fc", "in": )" + rows + R"(, "out": 4}]})";
  expect_refused(simulate(hw_file(), write_text("w.json", w_text)), "nested deeper than 64");
}

TEST_F(ConfigInputCli, HugeWrongTypedValuesGiveAShortMessage) {
  json h = small_hw();
  h["name"] = json::array();
  for (int i = 0; i < 2'000'000; ++i) h["name"].push_back(12345678);  // ~20 MB
  expect_refused(simulate(write("hw.json", h), workload_file({fc("f", 4, 4)})),
                 "hw.json: name: expected a string, got [12345678,12345678,");
  json w = {{"name", "w"}, {"layers", {fc("f", 4, 4)}}};
  w["layers"][0]["out"] = std::string(20'000'000, '7');
  expect_refused(simulate(hw_file(), write("w.json", w)),
                 "w.json: layers[0].out: expected integer in [1, 1048576], got \"777");
}

TEST_F(ConfigInputCli, NumbersBeyondDoubleNameFileAndKey) {
  std::string text = small_hw().dump();
  text.insert(1, R"("clock_mhz": 1e309, )");
  expect_refused(simulate(write_text("hw.json", text), workload_file({fc("f", 4, 4)})),
                 "hw.json: clock_mhz: number 1e309 is out of range");
  expect_refused(
      simulate(hw_file(),
               write_text("w.json", R"({"name": "w", "layers": [{"name": "f", "type": "fc",
                                        "in": 4, "out": 4, "repeat": -1e999}]})")),
      "w.json: layers[0].repeat: number -1e999 is out of range");
}

TEST_F(ConfigInputCli, DerivedSizesAreRefusedNotRun) {
  const json dilated = {{"name", "d"}, {"type", "conv2d"}, {"c", 1}, {"h", 1},           {"w", 1},
                        {"k", 1},      {"r", 65537},       {"s", 1}, {"dilation", 65536}};
  expect_refused(simulate(hw_file(), workload_file({dilated})),
                 "w.json: layers[0].r: the dilated filter, dilation × (r − 1) + 1 = 4294967297, "
                 "is larger than the padded input, h + 2 × padding = 1");
  const json matmul = {{"name", "m"}, {"type", "matmul"}, {"batch", 65536},
                       {"m", 1},      {"k", 32768},       {"n", 1}};
  expect_refused(simulate(hw_file(), workload_file({matmul})),
                 "w.json: layers[0].k: batch × k = 2147483648 exceeds 1048576");
}

TEST_F(ConfigInputCli, LayerNamesAreUniqueAndControlCharactersNeverReachTheTerminal) {
  expect_refused(simulate(hw_file(), workload_file({fc("a", 4, 4), fc("b", 4, 4), fc("a", 8, 8)})),
                 "w.json: layers[2].name: \"a\" is also the name of layers[0]; layer names must "
                 "be unique");
  expect_refused(simulate(hw_file(), workload_file({fc("a\x1b[2J\x1b]0;pwned\x07", 4, 4)})),
                 "w.json: layers[0].name: expected a string without control characters, got "
                 "\"a\\u001b[2J");
  json w = {{"name", "w"}, {"layers", {fc("a", 4, 4)}}};
  w["layers"][0]["\x1b[31mred"] = 1;
  expect_refused(simulate(hw_file(), write("w.json", w)),
                 "w.json: layers[0].\\x1b[31mred: unknown key");
}

TEST_F(ConfigInputCli, UnknownKeyHintListsEveryAcceptedKey) {
  json conv = {{"name", "c"}, {"type", "conv2d"}, {"c", 4}, {"h", 8},    {"w", 8},
               {"k", 4},      {"r", 3},           {"s", 3}, {"group", 2}};
  expect_refused(simulate(hw_file(), workload_file({conv})),
                 "w.json: layers[0].group: unknown key (known here: c, dilation, groups, h, k, "
                 "n, name, padding, r, repeat, s, stride, type, w)");
}

TEST_F(ConfigInputCli, SpacesThatNoPointCouldSatisfySayWhichKey) {
  const json space = {{"name", "s"},
                      {"rows", {{"min", 2}, {"max", 4}}},
                      {"cols", {{"min", 2}, {"max", 4}}},
                      {"input_buffer_kib", {{"min", 1}, {"max", 4}}},
                      {"weight_buffer_kib", {{"min", 1}, {"max", 4}}},
                      {"accumulator_buffer_kib", {{"min", 1}, {"max", 4}}},
                      {"fixed", json::object()}};
  const std::string workload = workload_file({fc("f", 4, 4)});
  auto search = [&](const json& s) {
    return codesign({"search", "--workload", workload, "--space", write("space.json", s), "--study",
                     (dir_ / "s.db").string(), "--budget", "1", "--confirm", "0"},
                    120);
  };
  json s = space;
  s["fixed"]["banks"] = 3;
  expect_refused(search(s), "space.json: fixed.banks: expected a power of two in [1, 16], got 3");
  s = space;
  s["fixed"]["data_width"] = 12;
  expect_refused(search(s), "space.json: fixed.data_width: expected 8 or 16, got 12");
  s = space;
  s["fixed"]["acc_width"] = 8;
  expect_refused(search(s), "space.json: fixed.acc_width: expected integer in [16, 32], got 8");
  s = space;
  s["fixed"]["data_width"] = 16;
  s["fixed"]["acc_width"] = 16;
  expect_refused(search(s),
                 "space.json: fixed.acc_width: expected a multiple of 8 in [32, 32] (at least "
                 "twice data_width), got 16");
  s = space;
  s["rows"] = {{"min", 64}, {"max", 64}};  // 64 vectors of 64 bytes: 4 KiB at least
  s["input_buffer_kib"] = {{"min", 1}, {"max", 2}};
  expect_refused(search(s), "space.json: input_buffer_kib: no size in [1, 2] KiB suits an array");
  EXPECT_FALSE(fs::exists(dir_ / "s.db"));
}

TEST_F(ConfigInputCli, AMappingDirectoryIsNamed) {
  const std::string dir = (dir_ / "mappings").string();
  fs::create_directories(dir);
  expect_refused(simulate(hw_file(), workload_file({fc("f", 4, 4)}), {"--mapping", dir}),
                 dir + ": is a directory, expected a JSON file");
}

// A mapping's patch (mapping/patch_lowering.hpp) is checked against the layer it maps: only
// depthwise layers are lowered, and the patch has a range.
TEST_F(ConfigInputCli, AMappingsPatchIsCheckedAgainstItsLayer) {
  const std::string w = workload_file({fc("f", 4, 4)});
  const std::string report = (dir_ / "r.json").string();
  const Outcome mapped = simulate(hw_file(), w, {"--out", report});
  ASSERT_EQ(mapped.exit_code, 0) << mapped.output;
  json m = json::parse(std::ifstream(report))["layers"][0]["mapping"];
  m["patch"] = 2;
  const std::string file = write("m.json", {{"layers", {{"f", m}}}});
  expect_refused(simulate(hw_file(), w, {"--mapping", file}),
                 "m.json: layers.f: patch: patches lower depthwise convolutions only");
  m["patch"] = 99;
  const std::string range = write("m99.json", {{"layers", {{"f", m}}}});
  expect_refused(simulate(hw_file(), w, {"--mapping", range}),
                 "m99.json: layers.f.patch: expected integer in [1, 16], got 99");
}

TEST_F(ConfigInputCli, ALayerTooLargeForEveryMappingSaysWhichLimit) {
  // 2^15 × 2^15 inputs, weights and 4-byte outputs: 6 GiB, beyond 32-bit DRAM addresses.
  const json big = {
      {"name", "big"}, {"type", "fc"}, {"batch", 32768}, {"in", 32768}, {"out", 32768}};
  expect_refused(simulate(hw_file(), workload_file({big})),
                 "w.json: layer big has no valid mapping on " + (dir_ / "hw.json").string() +
                     ": DRAM: the layer's tensors take 6442450944 bytes (input 1073741824, "
                     "weights 1073741824, outputs 4294967296), more than the ISA's 32-bit "
                     "addresses reach (4 GiB)");
}

TEST_F(ConfigInputCli, SimulatePrintsMacsPerLayerAndInTotal) {
  json two = fc("twice", 30, 7);
  two["repeat"] = 2;
  const Outcome o = simulate(hw_file(), workload_file({fc("once", 40, 10), two}));
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find(" MACs "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(" 400 "), std::string::npos) << o.output;  // once: 40 × 10
  EXPECT_NE(o.output.find(" 210 "), std::string::npos) << o.output;  // twice: 30 × 7
  EXPECT_NE(o.output.find("total (repeats counted): 820 MACs"), std::string::npos) << o.output;
}

}  // namespace
