#include "cli/regress_command.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/options.hpp"
#include "regress/regression.hpp"

namespace codesign::cli {

namespace {

struct RegressCliOptions {
  regress::RegressOptions run;
  std::vector<util::PathArg> inputs;  // as given on the command line
};

void print_case(const regress::CaseReport& c, std::size_t done, std::size_t total) {
  const bool quiet = c.verdict.outcome == regress::Outcome::kPassed;
  std::printf("[%zu/%zu] %-40s %-16s %8.1f s%s%s\n", done, total, c.name.c_str(),
              regress::to_string(c.verdict.outcome), c.result.wall_s, quiet ? "" : "  ",
              quiet ? "" : c.verdict.message.c_str());
  std::fflush(stdout);
}

ExitCode run_regress(RegressCliOptions& cli) {
  regress::RegressOptions& o = cli.run;
  // Baselines are rewritten (atomically) only with --update-baselines; the history is a
  // database appended to in place, an input that no other output may be.
  std::vector<util::PathArg> outputs;
  for (const auto& [option, path] :
       {std::pair<std::string, std::string>{"--junit", o.junit_file}, {"--html", o.html_file}})
    if (!path.empty()) outputs.push_back({option, path});
  std::vector<util::PathArg> inputs = cli.inputs;
  (o.update_baselines ? outputs : inputs).push_back({"--baselines", o.baselines_file});
  util::check_output_paths(inputs, outputs);
  // Each case runs as `codesign worker JOB_DIR`, this very executable.
  o.worker = {std::filesystem::read_symlink("/proc/self/exe").string(), "worker"};
  o.on_case = print_case;

  const regress::RunReport run = regress::run_regression(o);
  std::size_t improved = 0, updated = 0;
  for (const auto& c : run.cases) {
    improved += c.verdict.outcome == regress::Outcome::kImproved;
    updated += c.baseline_updated;
  }
  std::printf(
      "codesign regress %s: %zu cases, %zu failed, %zu improved, %.1f s (tool %s, rtl %s)\n",
      run.suite.c_str(), run.cases.size(), run.failures(), improved, run.wall_s,
      run.provenance.tool_revision.c_str(), run.provenance.rtl_revision.c_str());
  if (updated)
    std::printf("  baselines updated for %zu cases in %s\n", updated, o.baselines_file.c_str());
  for (const auto& c : run.cases)
    if (c.failed()) std::printf("  FAILED %s: %s\n", c.name.c_str(), c.verdict.message.c_str());
  if (!o.junit_file.empty()) std::printf("  junit: %s\n", o.junit_file.c_str());
  if (!o.history_file.empty()) std::printf("  history: %s\n", o.history_file.c_str());
  if (!o.html_file.empty()) std::printf("  page: %s\n", o.html_file.c_str());
  return run.exit_code() == 0 ? kSuccess : kFailed;
}

}  // namespace

void add_regress_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<RegressCliOptions>();
  regress::RegressOptions& r = o->run;
  r.jobs = std::max(1u, std::thread::hardware_concurrency());
  CLI::App* cmd = app.add_subcommand(
      "regress",
      "Nightly regression: every case of a suite (accelerator variant x workload) simulated on "
      "the RTL with every output checked bit-exactly, its metrics compared with stored "
      "baselines within per-metric tolerances; JUnit XML, a SQLite history and a trend page. "
      "Exit 0 when every case passed, 1 when any failed, 2 on bad input.");
  const CLI::Option* suite =
      cmd->add_option("--suite", r.suite_file, "suite (JSON, e.g. configs/regress/nightly.json)")
          ->required()
          ->check(CLI::ExistingFile);
  cmd->add_option("--baselines", r.baselines_file,
                  "baselines file (JSON; read, and rewritten by --update-baselines)")
      ->required();
  const CLI::Option* history =
      cmd->add_option("--history", r.history_file, "SQLite history to append this run to");
  cmd->add_option("--junit", r.junit_file, "write JUnit XML (for Jenkins, GitLab)");
  cmd->add_option("--html", r.html_file, "write the run and its trends as one HTML page");
  cmd->add_option("--executor", r.executor, "where cases run: local (default) or slurm")
      ->check(CLI::IsMember({"local", "slurm"}));
  cmd->add_option("--job-dir", r.job_dir,
                  "where case jobs go (default: a temporary directory); with slurm, a path the "
                  "nodes share");
  cmd->add_option("--partition", r.partition, "Slurm partition (default: the cluster's)");
  cmd->add_option("--jobs", r.jobs, "cases at once (default: the machine's cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--filter", r.filter, "only the cases whose name matches this glob");
  cmd->add_flag("--update-baselines", r.update_baselines,
                "record this run's metrics as the baselines of every case that passed "
                "functionally");
  cmd->add_option("--trend-runs", r.trend_runs, "runs the page's trends show (default 30)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--cache", r.cache_dir, "simulator build cache");
  cmd->callback([o, suite, history, &command] {
    o->inputs = paths_given({suite, history});
    command = [o] { return run_regress(*o); };
  });
}

}  // namespace codesign::cli
