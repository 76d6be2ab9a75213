// `codesign agreement --workload`: every layer of whole workloads, model against RTL, and
// the inputs it must refuse.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.hpp"

namespace {

using codesign::tests::Outcome;
using nlohmann::json;

class AgreementCli : public codesign::tests::CliTest {
 protected:
  static json conv_net() {
    const json conv = {{"name", "conv"}, {"type", "conv2d"}, {"c", 5}, {"h", 6},
                       {"w", 6},         {"k", 6},           {"r", 3}, {"s", 3},
                       {"stride", 2},    {"padding", 1}};
    json again = conv;
    again["name"] = "conv-again";
    return {{"name", "convs"}, {"layers", {conv, again}}};
  }
  static json fc_net() {
    return {{"name", "fcs"},
            {"layers",
             {{{"name", "fc1"}, {"type", "fc"}, {"in", 30}, {"out", 7}, {"batch", 2}},
              {{"name", "fc2"}, {"type", "fc"}, {"in", 7}, {"out", 3}}}}};
  }
};

TEST_F(AgreementCli, ComparesEveryLayerOfEachWorkload) {
  const std::string csv = (dir_ / "counts.csv").string();
  const Outcome o = codesign({"agreement", "--hw", write("hw.json", small_hw()), "--workload",
                              write("a.json", conv_net()), "--workload", write("b.json", fc_net()),
                              "--mapper-budget", "200", "--csv", csv});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  // One table per workload; the repeated conv shape once, with repeat 2.
  EXPECT_NE(o.output.find("| 1 | conv | 2 |"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find("conv-again"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("| 1 | fc1 | 1 |"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("| 2 | fc2 | 1 |"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("1 of 1 layers ran bit-exact"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("2 of 2 layers ran bit-exact"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("All workloads: 3 of 3 layers"), std::string::npos) << o.output;
  for (const char* counter : {"exec_busy", "load_busy", "store_busy", "dram_stall", "idle"})
    EXPECT_NE(o.output.find(counter), std::string::npos) << counter;
  // The CSV: a header and one row per layer, both fidelities' counts side by side.
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_NE(header.find("model_cycles,rtl_cycles"), std::string::npos) << header;
  int rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 3);
}

TEST_F(AgreementCli, RefusesAWorkloadWithoutAHardwarePointAndMixedModes) {
  const std::string w = write("a.json", conv_net()), hw = write("hw.json", small_hw());
  Outcome o = codesign({"agreement", "--workload", w});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("--hw"), std::string::npos) << o.output;
  o = codesign({"agreement", "--workload", w, "--hw", hw, "--hw-points", "2"});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("excludes"), std::string::npos) << o.output;
  o = codesign({"agreement", "--workload", (dir_ / "missing.json").string(), "--hw", hw});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.output.find("missing.json"), std::string::npos) << o.output;
}

TEST_F(AgreementCli, NamesTheLayerWithoutAMapping) {
  // A layer whose DRAM image exceeds the ISA's 4 GiB has no valid mapping: an error naming
  // the workload and the layer, exit code 2, no table.
  json big = conv_net();
  // Each tensor is within the workload's 2^31-element limit; together they exceed 4 GiB.
  big["layers"][0]["c"] = big["layers"][0]["k"] = 2048;
  big["layers"][0]["h"] = big["layers"][0]["w"] = 1000;
  big["layers"][0]["r"] = big["layers"][0]["s"] = 1;
  big["layers"][0]["stride"] = 1;
  big["layers"][0]["padding"] = 0;
  const Outcome o = codesign(
      {"agreement", "--workload", write("big.json", big), "--hw", write("hw.json", small_hw())});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("big.json"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("layer conv"), std::string::npos) << o.output;
}

}  // namespace
