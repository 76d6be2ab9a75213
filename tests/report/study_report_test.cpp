#include "report/study_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include "tests/study_path.hpp"

using codesign::report::study_report;
using codesign::store::StudyStore;
using codesign::store::Trial;

namespace {

Trial model_trial(double energy_pj, double delay_s, bool feasible) {
  Trial t;
  t.algorithm = "bo";
  t.fidelity = "model";
  t.status = feasible ? "ok" : "infeasible";
  t.feasible = feasible;
  t.energy_pj = energy_pj;
  t.delay_s = delay_s;
  t.objective = feasible ? energy_pj * 1e-12 * delay_s : 0;
  t.design = "4x4 os, buffers 4/4/4 KiB";
  const nlohmann::json metrics = {
      {"cycles", 1000},
      {"energy_pj", energy_pj / 2},
      {"utilisation", 0.5},
      {"energy_by_component_pj", {{"mac", energy_pj / 4}, {"dram", energy_pj / 4}}}};
  t.result = {{"layers", {{{"name", "conv"}, {"repeat", 2}, {"metrics", metrics}}}}};
  return t;
}

}  // namespace

TEST(StudyReport, ShowsTheBestDesignItsRtlConfirmationAndEveryTrial) {
  const std::string path = codesign::tests::fresh_study_path("report.db");
  const auto created = StudyStore::create(
      path, {{"identity", R"({"workload": {"name": "tiny"}, "algorithm": "bo", "seed": 3})"}});
  StudyStore& study = *created;
  Trial slow = model_trial(4e6, 2e-3, true);  // EDP 8e-9 J·s, dominated by the next
  slow.area_mm2 = 1.5;
  study.add(slow);
  Trial fast = model_trial(2e6, 1e-3, true);  // EDP 2e-9 J·s
  fast.area_mm2 = 2.25;
  const std::int64_t best = study.add(fast);
  study.add(model_trial(0, 0, false));
  Trial rtl = model_trial(2.5e6, 1e-3, true);  // EDP 2.5e-9 J·s
  rtl.fidelity = "rtl";
  rtl.parent = best;
  rtl.result["model_edp_js"] = 2e-9;
  rtl.result["model_vs_rtl"] = -0.2;
  study.add(rtl);

  const auto r = study_report(study);
  EXPECT_NE(r.html.find("id=\"trial-count\">3 (2 feasible)"), std::string::npos);
  EXPECT_NE(r.html.find("trial 2: 4x4 os, buffers 4/4/4 KiB"), std::string::npos);
  EXPECT_NE(r.html.find("id=\"best-edp\">2e-09 J·s"), std::string::npos);
  EXPECT_NE(r.html.find("id=\"rtl-edp\">2.5e-09 J·s (model 2e-09, -20% off)"), std::string::npos);
  // The Pareto front is the best design alone, with its area.
  const auto table = r.html.find("id=\"pareto-table\"");
  ASSERT_NE(table, std::string::npos);
  const std::string front = r.html.substr(table, r.html.find("</table>", table) - table);
  EXPECT_NE(front.find("<tr><td>2</td>"), std::string::npos) << front;
  EXPECT_NE(front.find("<td>2.25</td></tr>"), std::string::npos) << front;
  EXPECT_EQ(front.find("<tr><td>1</td>"), std::string::npos) << front;
  // The best design's layer, from its full result: 2 × 1 µJ.
  EXPECT_NE(r.html.find("<td class=\"l\">conv</td><td>2</td><td>1000</td><td>1</td><td>50</td>"),
            std::string::npos);

  std::istringstream csv(r.csv);
  std::vector<std::string> lines;
  for (std::string l; std::getline(csv, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 1u + 4u);
  EXPECT_EQ(lines[2], "2,bo,model,ok,1,2e-09,2e+06,0.001,2.25,0,\"4x4 os, buffers 4/4/4 KiB\",");
  const auto json = nlohmann::json::parse(r.json);
  ASSERT_EQ(json["trials"].size(), 4u);
  EXPECT_EQ(json["identity"]["seed"], 3);
  EXPECT_EQ(json["trials"][3]["parent"], best);
  EXPECT_EQ(json["trials"][1]["energy_pj"], 2e6);
  EXPECT_EQ(json["trials"][1]["area_mm2"], 2.25);
}
