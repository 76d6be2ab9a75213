// Layers of the same shape under different names (ResNet-50 has several): the search maps
// each shape once, but the study, the RTL confirmation, the export, the report and
// `simulate` name every layer of the user's workload with its own repeat, and an export's
// mappings run again with the original workload.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.hpp"
#include "store/study_store.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class WorkloadLayersCli : public codesign::tests::CliTest {
 protected:
  static json read(const std::string& path) {
    std::ifstream in(path);
    return json::parse(in);
  }

  static std::string text_of(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Searches, exports the best design and checks that every layer of `workload` (names and
  // repeats) is in the study, the export and its manifest; returns the export directory.
  std::string search_and_export(const std::string& workload, const std::string& space, int budget,
                                int mapper_budget, int confirm, bool verify) {
    const std::string study = (dir_ / "s.db").string(), out = (dir_ / "export").string();
    const auto s = codesign({"search", "--workload", workload, "--space", space, "--study", study,
                             "--budget", std::to_string(budget), "--seed", "2", "--mapper-budget",
                             std::to_string(mapper_budget), "--confirm", std::to_string(confirm),
                             "--workers", "2"});
    EXPECT_EQ(s.exit_code, 0) << s.output;
    std::vector<std::string> args = {"export", "--study", study, "--out", out};
    if (!verify) args.push_back("--no-verify");
    const auto e = codesign(args);
    EXPECT_EQ(e.exit_code, 0) << e.output;

    const json layers = read(workload)["layers"];
    const auto best = codesign::store::StudyStore(study, codesign::store::StudyStore::Access::kRead)
                          .get(read(out + "/manifest.json")["trial"].get<std::int64_t>());
    EXPECT_TRUE(best.has_value());
    const json manifest = read(out + "/manifest.json");
    EXPECT_EQ(manifest["layers"].size(), layers.size());
    EXPECT_EQ(best->params["layers"].size(), layers.size());
    EXPECT_EQ(best->result["layers"].size(), layers.size());
    for (std::size_t i = 0; i < layers.size() && i < manifest["layers"].size(); ++i) {
      const int repeat = layers[i].value("repeat", 1);
      EXPECT_EQ(best->result["layers"][i]["name"], layers[i]["name"]);
      EXPECT_EQ(best->result["layers"][i]["repeat"], repeat);
      const json& m = manifest["layers"][i];
      EXPECT_EQ(m["name"], layers[i]["name"]);
      EXPECT_EQ(m["repeat"], repeat);
      const json layer = read(out + "/" + m["dir"].get<std::string>() + "/layer.json");
      EXPECT_EQ(layer["name"], layers[i]["name"]);
      EXPECT_EQ(layer["repeat"], repeat);
    }
    return out;
  }

  // The export's mappings with the original workload, at model fidelity: every layer runs.
  void simulate_again(const std::string& out, const std::string& workload) {
    const auto sim = codesign({"simulate", "--hw", out + "/hw.json", "--workload", workload,
                               "--mapping", out + "/mappings.json", "--fidelity", "model"});
    EXPECT_EQ(sim.exit_code, 0) << sim.output;
    for (const auto& l : read(workload)["layers"])
      EXPECT_NE(sim.output.find("  " + l["name"].get<std::string>() + " "), std::string::npos)
          << l["name"];
  }
};

TEST_F(WorkloadLayersCli, ResNet50KeepsEveryLayerThroughSearchExportAndSimulate) {
  const std::string src = CODESIGN_SOURCE_DIR;
  const std::string workload = src + "/configs/workloads/resnet50.json";
  // Mapped well enough that its programs stay small (poor mappings compile to many commands).
  const std::string out =
      search_and_export(workload, src + "/configs/spaces/edge.json", 2, 200, 0, /*verify=*/false);
  EXPECT_EQ(read(workload)["layers"].size(), 30u);
  simulate_again(out, workload);
}

TEST_F(WorkloadLayersCli, SameShapesUnderOtherNamesAreConfirmedAndReportedOneByOne) {
  const json conv = {{"name", "conv"}, {"type", "conv2d"}, {"c", 6}, {"h", 8},      {"w", 8},
                     {"k", 8},         {"r", 3},           {"s", 3}, {"padding", 1}};
  json again = conv, third = conv;
  again["name"] = "conv_again";
  again["repeat"] = 3;
  third["name"] = "conv_third";
  const std::string workload =
      write("w.json",
            {{"name", "twins"},
             {"layers",
              {conv, {{"name", "fc"}, {"type", "fc"}, {"in", 40}, {"out", 10}}, again, third}}});
  const std::string space = write("space.json", tiny_space());
  // Confirmed on the RTL, and the export re-simulated: each shape runs once, every layer
  // is named, and the EDP is the recorded one.
  const std::string out = search_and_export(workload, space, 3, 15, 1, /*verify=*/true);
  const json manifest = read(out + "/manifest.json");
  EXPECT_EQ(manifest["verification"]["reproduced"], true) << manifest["verification"];
  ASSERT_EQ(manifest["rtl_metrics"]["layers"].size(), 4u);
  EXPECT_EQ(manifest["rtl_metrics"]["layers"][2]["name"], "conv_again");
  simulate_again(out, workload);

  const std::string html = (dir_ / "r.html").string();
  const auto r = codesign({"report", "--study", (dir_ / "s.db").string(), "--out", html});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string page = text_of(html);
  for (const char* name : {"conv ×1", "fc ×1", "conv_again ×3", "conv_third ×1"})
    EXPECT_NE(page.find(name), std::string::npos) << name;
}

}  // namespace
