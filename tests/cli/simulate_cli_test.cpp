// `codesign simulate` end to end: a real run, and bad inputs that must fail cleanly with a
// message naming the file, the key and the accepted range, writing nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/process.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  int exit_code;
  std::string output;
};

class SimulateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  std::string write(const std::string& name, const json& j) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << j.dump(1);
    return p;
  }

  Outcome run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CODESIGN_EXE};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string log = (dir_ / "out.log").string();
    fs::remove(log);
    const auto r = codesign::util::run_process(argv, log, 600);
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return {r.exit_code, s.str()};
  }

  static json small_hw() {
    return {{"name", "cli-4x4"},
            {"rows", 4},
            {"cols", 4},
            {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"weight_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
  }
  static json small_layer() {
    return {{"name", "conv"},
            {"type", "conv"},
            {"h", 6},
            {"w", 6},
            {"c", 5},
            {"k", 6},
            {"r", 3},
            {"s", 3},
            {"pad", 1},
            {"stride", 2},
            {"tiling", {{"dataflow", "os"}, {"m", 3}, {"n", 4}, {"k", 5}}}};
  }

  fs::path dir_;
};

TEST_F(SimulateCli, ValidatesALayerAndWritesAReport) {
  const std::string report = (dir_ / "report.json").string();
  const Outcome o = run({"simulate", "--hw", write("hw.json", small_hw()), "--layer",
                         write("layer.json", small_layer()), "--out", report});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("all bit-exact"), std::string::npos) << o.output;
  std::ifstream in(report);
  const json j = json::parse(in);
  EXPECT_EQ(j["report"]["status"], "ok");
  EXPECT_EQ(j["report"]["output_mismatches"], 0);
  EXPECT_EQ(j["report"]["counts"]["macs"], 3 * 3 * 6 * 3 * 3 * 5);
  EXPECT_GT(j["report"]["metrics"]["energy_pj"].get<double>(), 0);
  EXPECT_GT(j["report"]["metrics"]["edp_js"].get<double>(), 0);
  for (const char* part :
       {"mac", "registers", "input_buffer", "weight_buffer", "accumulator_buffer", "dram"})
    EXPECT_GT(j["report"]["metrics"]["energy_by_component_pj"][part].get<double>(), 0) << part;
}

TEST_F(SimulateCli, RejectsBadInputNamingFileKeyAndRangeAndWritesNothing) {
  const std::string report = (dir_ / "report.json").string();
  const std::string layer = write("layer.json", small_layer());
  struct Bad {
    json hw;
    json layer;
    std::string expected;
  };
  json zero_rows = small_hw();
  zero_rows["rows"] = 0;
  json unknown = small_hw();
  unknown["colums"] = 4;
  json wrong_type = small_hw();
  wrong_type["input_buffer"]["bytes"] = "1k";
  json tiny_buffer = small_hw();
  tiny_buffer["weight_buffer"]["bytes"] = 8;
  json too_big_tile = small_layer();
  too_big_tile["tiling"]["m"] = 9;
  json bad_dataflow = small_layer();
  bad_dataflow["tiling"]["dataflow"] = "rs";
  json negative = small_layer();
  negative["h"] = -3;
  const std::vector<Bad> cases = {
      {zero_rows, small_layer(), "hw.json: rows: expected integer in [1, 64], got 0"},
      {unknown, small_layer(), "hw.json: colums: unknown key"},
      {wrong_type, small_layer(), "hw.json: input_buffer.bytes: expected integer"},
      {tiny_buffer, small_layer(), "hw.json: weight_buffer.bytes: expected bytes in [16,"},
      {small_hw(), too_big_tile, "layer.json: tiling.m = 9: expected in [1, 4] (array rows)"},
      {small_hw(), bad_dataflow, "layer.json: tiling.dataflow: expected one of \"os\", \"ws\""},
      {small_hw(), negative, "layer.json: h: expected integer in [1, 65536], got -3"},
  };
  for (const Bad& b : cases) {
    const Outcome o = run({"simulate", "--hw", write("hw.json", b.hw), "--layer",
                           write("layer.json", b.layer), "--out", report});
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(b.expected), std::string::npos)
        << "expected: " << b.expected << "\ngot: " << o.output;
    EXPECT_FALSE(fs::exists(report));
  }
}

TEST_F(SimulateCli, RejectsMissingAndMalformedFiles) {
  const std::string hw = write("hw.json", small_hw());
  Outcome o = run({"simulate", "--hw", hw, "--layer", (dir_ / "nope.json").string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("nope.json"), std::string::npos) << o.output;
  const std::string broken = (dir_ / "broken.json").string();
  std::ofstream(broken) << "{\"rows\": 4,";
  o = run({"simulate", "--hw", broken, "--layer", write("layer.json", small_layer())});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.output.find("broken.json: malformed JSON"), std::string::npos) << o.output;
  o = run({"simulate"});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("--hw"), std::string::npos) << o.output;
}

}  // namespace
