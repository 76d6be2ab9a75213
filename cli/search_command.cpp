#include "cli/search_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <thread>

#include "arch/energy.hpp"
#include "cli/options.hpp"
#include "executor/local_executor.hpp"
#include "executor/slurm_executor.hpp"
#include "importer/workload_source.hpp"
#include "mapping/workload.hpp"
#include "store/study_store.hpp"
#include "study/design_space.hpp"
#include "study/study.hpp"
#include "study/study_file.hpp"
#include "systemc/build_cache.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct SearchOptions {
  std::string workload_file, space_file, study_file = "study.db", energy_file, cache_dir;
  std::string algorithm = "bo", mapper_algorithm = "random", fidelity = "model";
  std::size_t budget = 50, mapper_budget = 300, warmup = 10;
  std::uint64_t seed = 1;
  double time_limit_s = 0;
  bool resume = false;
  bool area = false;        // record every design's area (implied by area or power budgets)
  bool leakage = false;     // price leakage in every EDP (implies area)
  std::size_t confirm = 3;  // best designs confirmed on the RTL
  std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  std::size_t batch = 0;  // points per ask (0: --workers)
  double trial_timeout_s = 600;
  // Where jobs run.
  std::string executor = "local", job_dir, partition, slurm_time;
  std::vector<std::string> sbatch_args;
  std::vector<util::PathArg> inputs;  // as given on the command line
};

// This program, which every executor runs as `codesign worker JOB_DIR`.
std::string self_executable() {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) throw std::runtime_error("cannot find this program's path (/proc/self/exe)");
  return std::string(path, static_cast<std::size_t>(n));
}

std::unique_ptr<executor::Executor> make_executor(const SearchOptions& o) {
  const std::vector<std::string> worker = {self_executable(), "worker"};
  if (o.executor == "slurm") {
    executor::SlurmOptions s;
    s.worker = worker;
    s.script_dir = o.job_dir + "/slurm";
    s.partition = o.partition;
    s.slots = o.workers;
    s.time_limit_s = o.trial_timeout_s;
    s.time_request = o.slurm_time;
    s.sbatch_args = o.sbatch_args;
    try {
      return std::make_unique<executor::SlurmExecutor>(s);
    } catch (const std::invalid_argument& e) {
      throw util::ConfigError(std::string("--partition: ") + e.what());
    }
  }
  executor::LocalOptions l;
  l.worker = worker;
  l.slots = o.workers;
  l.time_limit_s = o.trial_timeout_s;
  return std::make_unique<executor::LocalExecutor>(l);
}

// One line of progress; the rate and ETA count only this run's trials, not resumed ones.
void print_progress(const study::Progress& p, bool tty) {
  const std::size_t fresh = p.trials - p.resumed;
  const double per = fresh ? p.elapsed_s / static_cast<double>(fresh) : 0;
  char best_text[32] = "none yet";
  if (p.best_edp_js > 0) std::snprintf(best_text, sizeof best_text, "%.4g J·s", p.best_edp_js);
  char line[200];
  std::snprintf(
      line, sizeof line, "[%4zu/%zu] best EDP %s | feasible %3.0f%% | %.2f s/trial | ETA %.0f s",
      p.trials, p.budget, best_text,
      p.trials ? 100.0 * static_cast<double>(p.feasible) / static_cast<double>(p.trials) : 0.0, per,
      per * static_cast<double>(p.budget > p.trials ? p.budget - p.trials : 0));
  std::fprintf(stderr, tty ? "\r%s" : "%s\n", line);
}

// Prints the study's RTL trials; returns false if any failed or mismatched.
bool print_rtl_trials(const store::StudyStore& study) {
  const auto trials = study.summaries();
  std::map<std::int64_t, double> model_edp;
  for (const auto& t : trials)
    if (t.fidelity == "model") model_edp[t.id] = t.objective;
  const store::TrialSummary* best = nullptr;
  std::size_t shown = 0;
  bool all_ok = true;
  for (const auto& t : trials) {
    if (t.fidelity != "rtl") continue;
    if (shown++ == 0) std::printf("  RTL measurements (every output checked bit-exact):\n");
    if (t.feasible) {
      std::printf("    trial %lld (%s): RTL EDP %.4g J·s, model %+.1f%%\n",
                  static_cast<long long>(t.parent), t.design.c_str(), t.objective,
                  100 * (model_edp[t.parent] - t.objective) / t.objective);
      if (!best || t.objective < best->objective) best = &t;
    } else {
      std::printf("    trial %lld (%s): %s: %s\n", static_cast<long long>(t.parent),
                  t.design.c_str(), t.status.c_str(), t.reason.c_str());
      all_ok = false;
    }
  }
  if (best)
    std::printf(
        "  best design, RTL-confirmed EDP %.4g J·s (energy %.4g µJ, %.4g ms): trial %lld, "
        "%s\n",
        best->objective, best->energy_pj * 1e-6, best->delay_s * 1e3,
        static_cast<long long>(best->parent), best->design.c_str());
  return all_ok;
}

void print_simulations(const study::RunSummary& s) {
  if (s.simulations == 0) return;
  std::printf("  %zu layer simulations, %zu with the simulator already built (%.0f%%)\n",
              s.simulations, s.cache_hits,
              100.0 * static_cast<double>(s.cache_hits) / static_cast<double>(s.simulations));
}

ExitCode run_search(const SearchOptions& o) {
  // An existing --study that is not a study is named as what it is.
  if (!util::file_kind(o.study_file).empty())
    store::StudyStore(o.study_file, store::StudyStore::Access::kRead);
  const std::string job_dir = o.job_dir.empty() ? o.study_file + ".jobs" : o.job_dir;
  // A new study starts from an empty --job-dir; a resumed one finds its jobs there (an
  // existing study without --resume is refused as such when it is opened).
  const bool new_study = !o.resume && util::file_kind(o.study_file).empty();
  util::check_output_paths(o.inputs, {{"--study", o.study_file}},
                           new_study ? std::vector<util::PathArg>{{"--job-dir", job_dir}}
                                     : std::vector<util::PathArg>{});
  if (const std::string kind = util::file_kind(job_dir, true);
      !kind.empty() && kind != "a directory")
    throw util::ConfigError("--job-dir: " + job_dir + " is " + kind + ", not a directory");
  // --time-limit bounds the whole command, confirmations included.
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };

  study::StudySpec spec;
  spec.workload = importer::load_workload_file(o.workload_file);
  const std::string energy_file =
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file;
  const arch::EnergyTable energy = arch::load_energy_table(energy_file);
  spec.energy = util::read_json_file(energy_file);
  spec.outer = {o.algorithm, o.seed, o.warmup};
  spec.mapper = {o.mapper_algorithm, o.mapper_budget, o.seed};
  spec.leakage = o.leakage;
  spec.fidelity = o.fidelity == "rtl" ? study::Fidelity::kRtl : study::Fidelity::kModel;
  const search::HwSpaceSpec space_spec = search::load_hw_space(o.space_file);
  if (o.confirm > 0 || spec.fidelity == study::Fidelity::kRtl)
    systemc::BuildCache(o.cache_dir).check_usable();
  const study::DesignSpace space(space_spec, energy, o.area || o.leakage, o.seed, o.space_file);
  const std::unique_ptr<store::StudyStore> store =
      study::open_study(o.study_file, o.resume, study::study_identity(spec, space.space().spec()));

  const std::unique_ptr<executor::Executor> executor = make_executor(o);
  study::Environment env;
  env.executor = executor.get();
  env.job_dir = job_dir;
  env.cache_dir = o.cache_dir;
  if (space.has_area()) env.area_of = [&](const arch::HwConfig& hw) { return space.area_mm2(hw); };
  study::Study study(spec, space.space(), *store, env);

  const bool tty = ::isatty(STDERR_FILENO);
  const std::atomic<bool> no_stop{false};
  study::RunSummary run;
  try {
    run = study.run(o.budget, o.batch ? o.batch : o.workers, o.time_limit_s, no_stop,
                    [&](const study::Progress& p) { print_progress(p, tty); });
  } catch (const util::Interrupted&) {
    std::fprintf(stderr,
                 "%scodesign: the study's jobs were cancelled; %s keeps every finished "
                 "trial; --resume continues it\n",
                 tty ? "\n" : "", o.study_file.c_str());
    throw;
  }
  if (tty) std::fprintf(stderr, "\n");
  if (run.resumed) std::fprintf(stderr, "codesign: resumed %zu trials\n", run.resumed);
  if (run.collected)
    std::fprintf(stderr, "codesign: %zu jobs had finished meanwhile: collected, not run again\n",
                 run.collected);
  if (run.timed_out)
    std::fprintf(stderr, "codesign: time limit reached; --resume continues the study\n");

  const auto best_trial = store->best("model");
  if (!best_trial) {
    std::printf("codesign search: no feasible design in %zu trials\n", run.trials);
    return kFailed;
  }
  std::printf("codesign search: %zu trials (%zu feasible, fidelity %s) in %s, jobs on %s\n",
              run.trials, run.feasible, o.fidelity.c_str(), o.study_file.c_str(), executor->name());
  std::printf("  best by the model (trial %lld): %s, EDP %.4g J·s, energy %.4g µJ, %llu cycles\n",
              static_cast<long long>(best_trial->id),
              best_trial->params["hw"]["name"].get<std::string>().c_str(), best_trial->objective,
              best_trial->result["energy_pj"].get<double>() * 1e-6,
              best_trial->result["cycles"].get<unsigned long long>());
  print_simulations(run);
  if (spec.fidelity == study::Fidelity::kModel && o.confirm > 0) {
    const double left = o.time_limit_s > 0 ? o.time_limit_s - elapsed() : 0;
    if (o.time_limit_s > 0 && left <= 0) {
      std::fprintf(stderr, "codesign: no time left to confirm designs on the RTL\n");
      return kSuccess;
    }
    const study::RunSummary confirmed = study.confirm(o.confirm, left, no_stop);
    if (confirmed.timed_out)
      std::fprintf(stderr,
                   "codesign: time limit reached during RTL confirmation; --resume confirms "
                   "the rest\n");
    print_simulations(confirmed);
  }
  return print_rtl_trials(*store) ? kSuccess : kFailed;
}

}  // namespace

void add_search_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Co-design search: hardware points within the space's budgets (outer search) with the "
      "best mapping of every layer (inner search) by the analytical model, minimising the "
      "network's EDP (at --fidelity rtl measured on every trial's RTL); every trial stored "
      "as it completes; the best designs confirmed on the RTL. Evaluations are jobs, run by "
      "local worker processes or as Slurm array tasks. Ctrl-C stops at once, cancels the "
      "study's jobs and keeps every finished trial; --resume continues.");
  const CLI::Option* workload =
      cmd->add_option("--workload", o->workload_file,
                      "network (workload JSON, e.g. configs/workloads/dqn.json, or an ONNX model)")
          ->required()
          ->check(CLI::ExistingFile);
  const CLI::Option* space =
      cmd->add_option("--space", o->space_file,
                      "design space and budgets (JSON, e.g. configs/spaces/edge.json)")
          ->required()
          ->check(CLI::ExistingFile);
  cmd->add_option("--study", o->study_file, "study file (SQLite), created or resumed");
  cmd->add_flag("--resume", o->resume,
                "continue an existing study (jobs that finished meanwhile are collected)");
  cmd->add_flag("--area", o->area,
                "record every design's area (area model; implied by area or power budgets)");
  cmd->add_flag("--leakage", o->leakage,
                "price leakage (area x leakage power x delay) in every EDP; implies --area");
  cmd->add_option("--budget", o->budget, "hardware points to evaluate (total, resumed included)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--time-limit", o->time_limit_s,
                  "wall-clock limit of the whole command, RTL confirmations included (0: none)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--algorithm", o->algorithm, "outer search: bo, random, ga, sa")
      ->check(CLI::IsMember({"bo", "random", "ga", "sa"}));
  cmd->add_option("--seed", o->seed, "random seed (same seed and batch, same trials)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
  cmd->add_option("--warmup", o->warmup, "BO: random points before the model is trusted")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--mapper-algorithm", o->mapper_algorithm, "inner search: bo, random, ga, sa")
      ->check(CLI::IsMember({"bo", "random", "ga", "sa"}));
  cmd->add_option("--mapper-budget", o->mapper_budget, "model evaluations per layer")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--fidelity", o->fidelity,
                  "model: trials scored by the analytical model, the best --confirm designs "
                  "confirmed on the RTL; rtl: every trial's mappings simulated on its RTL, "
                  "every output checked, the search learning the RTL EDP")
      ->check(CLI::IsMember({"model", "rtl"}));
  cmd->add_option("--confirm", o->confirm,
                  "how many of the best designs to confirm on the RTL (0: none; --fidelity "
                  "model)")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--workers", o->workers,
                  "jobs running at once: local worker processes, or Slurm array tasks (default: "
                  "the cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--batch", o->batch,
                  "hardware points proposed at once (default: --workers); with the seed it "
                  "fixes the trials, whatever the executor")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--trial-timeout", o->trial_timeout_s,
                  "seconds before a job (an evaluation, a layer's simulation) is stopped and "
                  "its trial recorded as a timeout (0: none)")
      ->check(CLI::Range(0.0, 1e9));
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir,
                  "simulator build cache (with Slurm: a directory the nodes share)");
  cmd->add_option("--executor", o->executor,
                  "where jobs run: local (worker processes here) or slurm (job arrays)")
      ->check(CLI::IsMember({"local", "slurm"}));
  cmd->add_option("--job-dir", o->job_dir,
                  "one directory per job (job.json, result.json, log); with Slurm shared with "
                  "the nodes (default: STUDY.jobs)");
  cmd->add_option("--partition", o->partition, "Slurm partition (default: the cluster's)");
  cmd->add_option("--slurm-time", o->slurm_time,
                  "Slurm --time of each array task, as sbatch takes it (default: from "
                  "--trial-timeout)");
  cmd->add_option("--sbatch-arg", o->sbatch_args,
                  "an extra sbatch argument, passed through (repeatable), e.g. "
                  "--sbatch-arg=--mem=4G");
  cmd->callback([o, workload, space, energy, &command] {
    o->inputs = paths_given({workload, space, energy});
    if (o->executor != "slurm" &&
        (!o->partition.empty() || !o->slurm_time.empty() || !o->sbatch_args.empty()))
      throw CLI::ValidationError(
          "--partition, --slurm-time and --sbatch-arg need --executor "
          "slurm");
    command = [o] { return run_search(*o); };
  });
}

}  // namespace codesign::cli
