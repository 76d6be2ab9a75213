#include "regress/regression.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include "regress/case_json.hpp"
#include "regress/history_page.hpp"
#include "regress/junit.hpp"
#include "regress/run_case.hpp"
#include "util/atomic_file.hpp"
#include "util/forked_tasks.hpp"
#include "util/json_reader.hpp"

namespace codesign::regress {

namespace {

namespace fs = std::filesystem;

// Build and area synthesis come on top of a case's simulation limit.
constexpr double kWorkerMarginS = 1800;

// Outputs must be distinct files, none of them an input.
void check_outputs(const RegressOptions& o) {
  const std::pair<std::string, std::string> outputs[] = {{"--junit", o.junit_file},
                                                         {"--html", o.html_file}};
  const std::pair<std::string, std::string> others[] = {{"--suite", o.suite_file},
                                                        {"--baselines", o.baselines_file},
                                                        {"--history", o.history_file},
                                                        {"--junit", o.junit_file},
                                                        {"--html", o.html_file}};
  for (const auto& [flag, file] : outputs) {
    if (file.empty()) continue;
    if (fs::is_directory(file)) throw util::ConfigError(flag + ": " + file + " is a directory");
    for (const auto& [other_flag, other] : others)
      if (other_flag != flag && !other.empty() &&
          fs::weakly_canonical(file) == fs::weakly_canonical(other))
        throw util::ConfigError(flag + ": " + file + " is also given as " + other_flag);
  }
}

// Runs the cases side by side in forked workers; a worker that dies or overruns its limit
// becomes the case's error, never the driver's.
void run_local(const std::vector<Case>& cases, std::size_t jobs,
               const std::function<void(std::size_t, CaseResult)>& on_result) {
  std::vector<util::Task> tasks;
  double limit = 0;
  for (const Case& c : cases) {
    tasks.push_back([&c] { return to_json(run_case(c)).dump(); });
    limit = std::max(limit, c.timeout_s + kWorkerMarginS);
  }
  util::run_forked(tasks, jobs, limit, [&](std::size_t i, const util::TaskOutcome& out) {
    CaseResult r;
    r.name = cases[i].name;
    r.wall_s = out.wall_s;
    if (out.ok) {
      try {
        r = case_result_from_json(nlohmann::json::parse(out.output), "worker result");
      } catch (const std::exception& e) {
        r.status = RunStatus::kError;
        r.reason = std::string("unreadable worker result: ") + e.what();
      }
    } else {
      r.status = out.timed_out ? RunStatus::kTimeout : RunStatus::kError;
      r.reason = out.reason;
    }
    on_result(i, std::move(r));
  });
}

}  // namespace

RunReport run_regression(const RegressOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  check_outputs(o);
  if (o.executor != "local")
    throw util::ConfigError("--executor " + o.executor +
                            ": only \"local\" is available in this build");
  const Suite suite = load_suite(o.suite_file);
  std::vector<Case> cases = filter_cases(suite.cases, o.filter);
  if (cases.empty())
    throw util::ConfigError("--filter " + o.filter + ": matches none of the " +
                            std::to_string(suite.cases.size()) + " cases of " + o.suite_file);
  for (Case& c : cases) c.cache_dir = o.cache_dir;
  Baselines baselines = load_baselines(o.baselines_file);
  std::unique_ptr<History> history;
  if (!o.history_file.empty()) {
    try {
      history = std::make_unique<History>(o.history_file);
    } catch (const std::runtime_error& e) {
      throw util::ConfigError(std::string("--history: ") + e.what());
    }
  }

  RunReport run;
  run.suite = suite.name;
  run.provenance = current_provenance();
  run.cases.resize(cases.size());
  std::size_t done = 0;
  run_local(cases, std::max<std::size_t>(1, o.jobs), [&](std::size_t i, CaseResult r) {
    const Case& c = cases[i];
    CaseReport& report = run.cases[i];
    report.name = c.name;
    report.variant = c.variant;
    const auto b = baselines.find(c.name);
    const Baseline* baseline = b == baselines.end() ? nullptr : &b->second;
    if (baseline) report.baseline = baseline->metrics;
    report.verdict = judge(c, r, baseline);
    report.result = std::move(r);
    if (o.on_case) o.on_case(report, ++done, cases.size());
  });

  if (o.update_baselines) {
    bool changed = false;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      CaseReport& report = run.cases[i];
      if (!report.result.ok()) continue;  // only what passed functionally
      baselines[report.name] = baseline_of(cases[i], report.result, run.provenance);
      report.baseline_updated = changed = true;
    }
    if (changed) save_baselines(o.baselines_file, baselines);
  }
  run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::vector<HistoryRun> runs;
  std::vector<HistoryResult> results;
  if (history) {
    history->append(run);
    runs = history->last_runs(run.suite, o.trend_runs);
    results = history->results(run.suite, runs.front().id);
  }
  if (!o.junit_file.empty()) util::write_file_atomic(o.junit_file, junit_xml(run));
  if (!o.html_file.empty()) util::write_file_atomic(o.html_file, history_page(run, runs, results));
  return run;
}

}  // namespace codesign::regress
