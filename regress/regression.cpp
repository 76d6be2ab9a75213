#include "regress/regression.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "executor/job_dir.hpp"
#include "executor/local_executor.hpp"
#include "executor/slurm_executor.hpp"
#include "regress/case_json.hpp"
#include "regress/history_page.hpp"
#include "regress/junit.hpp"
#include "util/atomic_file.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::regress {

namespace {

namespace fs = std::filesystem;

// Build and area synthesis come on top of a case's simulation limit.
constexpr double kWorkerMarginS = 1800;

// This run's job directories: a fresh directory under the given root (or the system's
// temporary directory), removed with everything in it when the run ends.
class RunDirectory {
 public:
  explicit RunDirectory(const std::string& root) {
    const fs::path base = root.empty() ? fs::temp_directory_path() : fs::absolute(root);
    path_ = (base / ("codesign-regress-" + std::to_string(::getpid()) + "-" +
                     std::to_string(std::chrono::system_clock::now().time_since_epoch().count())))
                .string();
    fs::create_directories(path_);
  }
  ~RunDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string safe_name(const std::string& name) {
  std::string s;
  for (const char c : name) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

std::unique_ptr<executor::Executor> make_executor(const RegressOptions& o, double time_limit_s,
                                                  const std::string& run_dir) {
  if (o.worker.empty()) throw std::invalid_argument("regress: no worker command");
  const std::size_t slots = std::max<std::size_t>(1, o.jobs);
  if (o.executor == "local")
    return std::make_unique<executor::LocalExecutor>(
        executor::LocalOptions{o.worker, slots, time_limit_s});
  if (o.executor == "slurm") {
    executor::SlurmOptions s;
    s.worker = o.worker;
    s.script_dir = run_dir + "/slurm";
    s.partition = o.partition;
    s.slots = slots;
    s.time_limit_s = time_limit_s;
    s.job_name = "codesign-regress";
    try {
      return std::make_unique<executor::SlurmExecutor>(s);
    } catch (const std::exception& e) {
      throw util::ConfigError(std::string("--executor slurm: ") + e.what());
    }
  }
  throw util::ConfigError("--executor: expected \"local\" or \"slurm\", got \"" + o.executor +
                          "\"");
}

// What a job's end says about its case: its result, or why there is none.
CaseResult result_of(const Case& c, const executor::JobEnd& end) {
  CaseResult r;
  r.name = c.name;
  r.wall_s = end.where.wall_s;
  if (end.kind == executor::EndKind::done) {
    try {
      return case_result_from_json(executor::read_result(end.dir)->output,
                                   executor::result_file(end.dir));
    } catch (const std::exception& e) {
      r.status = RunStatus::kError;
      r.reason = std::string("unreadable worker result: ") + e.what();
      return r;
    }
  }
  r.status = end.kind == executor::EndKind::timed_out ? RunStatus::kTimeout : RunStatus::kError;
  r.reason = std::string("job ") + executor::to_string(end.kind) + " on " + end.where.executor +
             (end.where.host.empty() ? "" : " (" + end.where.host + ")") + ": " + end.reason;
  return r;
}

// Runs every case as a job in a fresh directory under `run_dir`, reporting each result as
// its job ends.
void run_jobs(const RegressOptions& o, const std::vector<Case>& cases, const std::string& run_dir,
              const std::function<void(std::size_t, CaseResult)>& on_result) {
  double limit = 0;
  std::map<std::string, std::size_t> by_dir;
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%04zu-", i);
    const std::string dir = run_dir + "/" + prefix + safe_name(cases[i].name);
    executor::write_job(dir, case_job(cases[i]));
    by_dir[dir] = i;
    dirs.push_back(dir);
    limit = std::max(limit, cases[i].timeout_s + kWorkerMarginS);
  }
  const std::unique_ptr<executor::Executor> ex = make_executor(o, limit, run_dir);
  ex->submit(dirs);
  while (ex->outstanding() > 0) {
    util::throw_if_interrupted();  // Ctrl-C: the executor stops every job as it goes
    for (const executor::JobEnd& end : ex->wait(1)) {
      const std::size_t i = by_dir.at(end.dir);
      on_result(i, result_of(cases[i], end));
    }
  }
}

}  // namespace

RunReport run_regression(const RegressOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
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
  const RunDirectory run_dir(o.job_dir);
  run_jobs(o, cases, run_dir.path(), [&](std::size_t i, CaseResult r) {
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
