// `codesign simulate` end to end: a real run, and bad inputs that must fail cleanly with a
// message naming the file, the key and the accepted range, writing nothing.
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

class SimulateCli : public codesign::tests::CliTest {
 protected:
  static json workload() {
    return {{"name", "tiny"},
            {"layers",
             {{{"name", "conv"},
               {"type", "conv2d"},
               {"c", 5},
               {"h", 6},
               {"w", 6},
               {"k", 6},
               {"r", 3},
               {"s", 3},
               {"stride", 2},
               {"padding", 1}},
              {{"name", "fc"}, {"type", "fc"}, {"in", 30}, {"out", 7}, {"repeat", 2}}}}};
  }
};

TEST_F(SimulateCli, ValidatesAWorkloadOnTheRtlAndWritesReports) {
  const std::string report = (dir_ / "report.json").string(), csv = (dir_ / "r.csv").string();
  const Outcome o = codesign({"simulate", "--hw", write("hw.json", small_hw()), "--workload",
                              write("w.json", workload()), "--out", report, "--csv", csv});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("every output of every layer bit-exact"), std::string::npos) << o.output;
  std::ifstream in(report);
  const json j = json::parse(in);
  ASSERT_EQ(j["layers"].size(), 2u);
  EXPECT_EQ(j["layers"][0]["status"], "ok");
  EXPECT_EQ(j["layers"][0]["output_mismatches"], 0);
  EXPECT_EQ(j["layers"][0]["outputs_checked"], 3 * 3 * 6);
  EXPECT_EQ(j["layers"][0]["counts"]["macs"], 3 * 3 * 6 * 3 * 3 * 5);
  for (const char* part :
       {"mac", "registers", "input_buffer", "weight_buffer", "accumulator_buffer", "dram"})
    EXPECT_GT(j["layers"][1]["metrics"]["energy_by_component_pj"][part].get<double>(), 0) << part;
  std::ifstream c(csv);
  int lines = 0;
  for (std::string l; std::getline(c, l);) ++lines;
  EXPECT_EQ(lines, 3);
}

TEST_F(SimulateCli, ModelFidelityAndAGivenMappingAgreeOnTheMacs) {
  // The model picks mappings; feed them back as a mapping file for one layer.
  const std::string first = (dir_ / "model.json").string();
  const std::string hw = write("hw.json", small_hw()), w = write("w.json", workload());
  ASSERT_EQ(
      codesign({"simulate", "--hw", hw, "--workload", w, "--fidelity", "model", "--out", first})
          .exit_code,
      0);
  std::ifstream in(first);
  const json model = json::parse(in);
  const std::string mapping_file =
      write("mapping.json", {{"layers", {{"fc", model["layers"][1]["mapping"]}}}});
  const std::string second = (dir_ / "rtl.json").string();
  const Outcome o = codesign({"simulate", "--hw", hw, "--workload", w, "--layers", "fc",
                              "--mapping", mapping_file, "--out", second});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::ifstream in2(second);
  const json rtl = json::parse(in2);
  ASSERT_EQ(rtl["layers"].size(), 1u);
  EXPECT_EQ(rtl["layers"][0]["mapping"], model["layers"][1]["mapping"]);
  EXPECT_EQ(rtl["layers"][0]["counts"]["macs"], model["layers"][1]["counts"]["macs"]);
}

TEST_F(SimulateCli, RejectsBadInputNamingFileKeyAndRangeAndWritesNothing) {
  const std::string report = (dir_ / "report.json").string();
  struct Bad {
    json hw;
    json workload;
    std::vector<std::string> extra;
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
  json negative = workload();
  negative["layers"][0]["h"] = -3;
  const std::vector<Bad> cases = {
      {zero_rows, workload(), {}, "hw.json: rows: expected integer in [1, 64], got 0"},
      {unknown, workload(), {}, "hw.json: colums: unknown key"},
      {wrong_type, workload(), {}, "hw.json: input_buffer.bytes: expected integer"},
      {tiny_buffer, workload(), {}, "hw.json: weight_buffer.bytes: expected bytes in [16,"},
      {small_hw(), negative, {}, "w.json: layers[0].h: expected integer in [1,"},
      {small_hw(), workload(), {"--layers", "conv9"}, "has no layer \"conv9\""},
  };
  for (const Bad& b : cases) {
    std::vector<std::string> a = {
        "simulate", "--hw", write("hw.json", b.hw), "--workload", write("w.json", b.workload),
        "--out",    report};
    a.insert(a.end(), b.extra.begin(), b.extra.end());
    const Outcome o = codesign(a);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(b.expected), std::string::npos)
        << "expected: " << b.expected << "\ngot: " << o.output;
    EXPECT_FALSE(fs::exists(report));
  }
  // A mapping file missing a layer, or with an impossible mapping, is rejected too.
  const std::string m = write("m.json", {{"layers", json::object()}});
  const Outcome o = codesign({"simulate", "--hw", write("hw.json", small_hw()), "--workload",
                              write("w.json", workload()), "--mapping", m, "--out", report});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.output.find("m.json: layers.conv: no mapping for this layer"), std::string::npos)
      << o.output;
  EXPECT_FALSE(fs::exists(report));
}

TEST_F(SimulateCli, RejectsMissingAndMalformedFiles) {
  const std::string hw = write("hw.json", small_hw());
  Outcome o = codesign({"simulate", "--hw", hw, "--workload", (dir_ / "nope.json").string()});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("nope.json"), std::string::npos) << o.output;
  const std::string broken = (dir_ / "broken.json").string();
  std::ofstream(broken) << "{\"rows\": 4,";
  o = codesign({"simulate", "--hw", broken, "--workload", write("w.json", workload())});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.output.find("broken.json: malformed JSON"), std::string::npos) << o.output;
  o = codesign({"simulate"});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("--hw"), std::string::npos) << o.output;
}

}  // namespace
