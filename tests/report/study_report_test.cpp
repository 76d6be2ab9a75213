#include "report/study_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
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
  // conv: 8 × 4 × 3 × 3 × 10 × 10 = 28 800 MACs.
  t.params = {{"hw",
               {{"name", "tiny"},
                {"rows", 4},
                {"cols", 4},
                {"data_width", 8},
                {"acc_width", 32},
                {"dataflows", {"os"}},
                {"input_buffer", {{"bytes", 4096}, {"banks", 2}}},
                {"weight_buffer", {{"bytes", 4096}, {"banks", 2}}},
                {"accumulator_buffer", {{"bytes", 8192}, {"banks", 2}}},
                {"dram", {{"bytes_per_cycle", 16.0}, {"latency_cycles", 100}}},
                {"clock_mhz", 500.0}}},
              {"layers",
               {{{"layer",
                  {{"name", "conv"},
                   {"type", "conv2d"},
                   {"k", 8},
                   {"c", 4},
                   {"h", 12},
                   {"w", 12},
                   {"r", 3},
                   {"s", 3},
                   {"repeat", 2}}}}}}};
  return t;
}

// The cells of each data row of the HTML table with id `id`, markup inside a cell kept.
std::vector<std::vector<std::string>> table_rows(const std::string& html, const std::string& id) {
  const auto start = html.find("<table id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  std::vector<std::vector<std::string>> rows;
  const std::regex row("<tr>(.*?)</tr>"), cell("<td[^>]*>(.*?)</td>");
  for (std::sregex_iterator r(table.begin(), table.end(), row), end; r != end; ++r) {
    const std::string tr = (*r)[1];
    std::vector<std::string> cells;
    for (std::sregex_iterator c(tr.begin(), tr.end(), cell); c != end; ++c)
      cells.push_back((*c)[1]);
    if (!cells.empty()) rows.push_back(cells);  // the header row has <th> only
  }
  return rows;
}

nlohmann::json placement(const std::string& job, const std::string& executor,
                         const std::string& host, const std::string& id, double wall_s,
                         bool collected) {
  return {{"job", job},   {"executor", executor}, {"host", host},
          {"job_id", id}, {"wall_s", wall_s},     {"collected", collected}};
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
  // The best design's layer, from its RTL measurement: its MACs, cycles, utilisation as
  // recorded, all of the network's cycles and energy.
  EXPECT_NE(r.html.find("Measured on the RTL (trial 4), 16 PEs"), std::string::npos);
  EXPECT_NE(r.html.find("<td class=\"l\">conv</td><td>2</td><td>28800</td><td>1000</td><td>50</"
                        "td><td>100</td><td>1.25</td><td>100</td>"),
            std::string::npos);
  // Each bar names its layer with its repeat, as the table does.
  EXPECT_NE(r.html.find("conv ×2"), std::string::npos);
  // The design, to scale by the study's 2.25 mm²: the array the rest after the buffers.
  EXPECT_NE(r.html.find("data-name=\"PE array and control\""), std::string::npos);
  EXPECT_NE(r.html.find("data-name=\"accumulator buffer\""), std::string::npos);
  EXPECT_EQ(r.html.find("not to scale"), std::string::npos);
  // Model against RTL: one design, on square log axes with y = x.
  const auto scatter = r.html.find("id=\"model-vs-rtl\"");
  ASSERT_NE(scatter, std::string::npos);
  EXPECT_NE(r.html.find("class=\"diagonal\"", scatter), std::string::npos);
  EXPECT_EQ(r.html.find("id=\"no-rtl\""), std::string::npos);

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

TEST(StudyReport, SaysSoWhenNothingWasMeasuredOnTheRtl) {
  const std::string path = codesign::tests::fresh_study_path("report-model-only.db");
  const auto study = StudyStore::create(path, {{"identity", "{}"}});
  for (int i = 1; i <= 11; ++i) study->add(model_trial(1e6 * i, 1e-3, true));
  const auto r = study_report(*study);
  EXPECT_NE(r.html.find("id=\"no-rtl\""), std::string::npos);
  EXPECT_EQ(r.html.find("id=\"model-vs-rtl\""), std::string::npos);
  EXPECT_NE(r.html.find("From the analytical model (trial 1)"), std::string::npos);
  // No area recorded: the buffers by capacity (4 + 4 + 8 KiB), the array apart.
  EXPECT_NE(r.html.find("data-name=\"accumulator buffer\" data-size=\"8\""), std::string::npos);
  EXPECT_NE(r.html.find("not to scale"), std::string::npos);
  // 11 evaluations: whole-number ticks on the x axis, never "10.75".
  const auto plot = r.html.find("id=\"best-edp-plot\"");
  const std::string svg = r.html.substr(plot, r.html.find("</svg>", plot) - plot);
  std::size_t ticks = 0;
  for (auto at = svg.find("class=\"x-tick\""); at != std::string::npos;
       at = svg.find("class=\"x-tick\"", at + 1), ++ticks) {
    const auto text = svg.find('>', at) + 1;
    const std::string label = svg.substr(text, svg.find('<', text) - text);
    EXPECT_EQ(label.find_first_not_of("0123456789"), std::string::npos) << label;
  }
  EXPECT_GE(ticks, 3u);
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_EQ(r.html.find("<script"), std::string::npos);
  EXPECT_EQ(r.html.find("href="), std::string::npos);
  EXPECT_EQ(r.html.find("src="), std::string::npos);
}

TEST(StudyReport, ShowsWhereEveryTrialRan) {
  const std::string path = codesign::tests::fresh_study_path("report-placements.db");
  const auto study = StudyStore::create(path, {{"identity", "{}"}});
  study->add(model_trial(1e6, 1e-3, true));  // an older trial: no placements
  Trial on_slurm = model_trial(2e6, 1e-3, true);
  on_slurm.result["ran"] =
      nlohmann::json::array({placement("map", "slurm", "node<1>", "812_3", 12.5, true)});
  const std::int64_t parent = study->add(on_slurm);
  Trial rtl = model_trial(2e6, 1e-3, true);
  rtl.fidelity = "rtl";
  rtl.parent = parent;
  rtl.result["model_edp_js"] = 2e-9;
  rtl.result["model_vs_rtl"] = 0.0;
  // The two simulations side by side: 40 s of job time in the 30 s from 1000 to 1030.
  rtl.result["ran"] =
      nlohmann::json::array({placement("sim-1", "slurm", "node2", "815_1", 30, false),
                             placement("sim-0", "slurm", "node<1>", "815_0", 10, false)});
  rtl.result["ran"][0]["started"] = 1000.0;
  rtl.result["ran"][1]["started"] = 1005.0;
  study->add(rtl);
  Trial failed = model_trial(0, 0, false);
  failed.status = "failed";
  failed.result["ran"] = nlohmann::json::array({placement("map", "local", "", "", 0, false)});
  study->add(failed);

  const auto r = study_report(*study);
  const auto rows = table_rows(r.html, "placement-table");
  ASSERT_EQ(rows.size(), 4u) << r.html;
  // trial, of, status, executor, host, job id, map job s, simulations, simulation s, collected
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "", "ok", "not recorded"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"2", "", "ok", "slurm", "node&lt;1&gt;", "812_3",
                                               "12.5", "0", "—", "1 of 1"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"3", "2", "ok", "slurm", "node2, node&lt;1&gt;",
                                               "815_1, 815_0", "—", "2", "40", "—"}));
  EXPECT_EQ(rows[3],
            (std::vector<std::string>{"4", "", "failed", "local", "—", "—", "0", "0", "—", "—"}));
  EXPECT_EQ(r.html.find("node<1>"), std::string::npos);  // every host escaped

  EXPECT_EQ(table_rows(r.html, "placement-executors"),
            (std::vector<std::vector<std::string>>{{"local", "1", "0"}, {"slurm", "3", "52.5"}}));
  EXPECT_EQ(
      table_rows(r.html, "placement-hosts"),
      (std::vector<std::vector<std::string>>{
          {"(never started)", "1", "0"}, {"node2", "1", "30"}, {"node&lt;1&gt;", "2", "22.5"}}));
  const auto summary = r.html.find("id=\"placement-summary\">");
  ASSERT_NE(summary, std::string::npos);
  const std::string text = r.html.substr(summary, r.html.find("</p>", summary) - summary);
  EXPECT_NE(text.find("4 jobs of 4 trials, 52.5 s of job time in all; 1 collected after a driver "
                      "restart"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("40 s of it in 30 s from the first job's start to the last one's end, "
                      "1.3 jobs at a time on average"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1 trial was stored before placements were recorded"), std::string::npos)
      << text;
}

TEST(StudyReport, ListsWhereTheBestDesignsOfALargeStudyRan) {
  const std::string path = codesign::tests::fresh_study_path("report-placements-large.db");
  const auto study = StudyStore::create(path, {{"identity", "{}"}});
  for (int i = 0; i < 501; ++i) {
    Trial t = model_trial(1e6 * (501 - i), 1e-3, true);  // the last trial is the best
    t.result["ran"] = nlohmann::json::array(
        {placement("map", "slurm", "node" + std::to_string(i % 2), std::to_string(i), 1, false)});
    study->add(t);
  }
  const auto r = study_report(*study);
  const auto rows = table_rows(r.html, "placement-table");
  ASSERT_EQ(rows.size(), 50u);
  EXPECT_EQ(rows.front()[0], "501");
  EXPECT_EQ(rows.back()[0], "452");
  EXPECT_NE(r.html.find("The 50 best designs and their RTL trials (50 of 501 trials"),
            std::string::npos);
  EXPECT_EQ(table_rows(r.html, "placement-hosts"),
            (std::vector<std::vector<std::string>>{{"node0", "25", "25"}, {"node1", "25", "25"}}));
}
