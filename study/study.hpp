// The co-design study as a library object: the one driver that `codesign search`, the
// co-design benchmark and the tests run.
//
// ask → trials with ids: the outer optimiser proposes a batch of hardware points; trial n is
// the n-th proposal (0, 1, ...), so the same seed and batch size give the same trials.
// evaluate through an Executor: each trial is a "map" job (its inner searches), and at RTL
// fidelity one "simulate" job per distinct (layer shape, mapping) (study/jobs.hpp); jobs of a
// batch run side by side on the executor's slots, wherever it runs them.
// tell by trial id: once every trial of the batch has ended, each is told to the optimiser
// in id order, so results never depend on which job finished first.
// resume: the stored trials are replayed through the same optimiser; a batch that was cut
// short continues: its jobs' directories are submitted again, and the executor collects
// those that finished meanwhile (or follows those still running) instead of running them
// twice.
// Only the driver writes the study; a job's end that is not `done` becomes a failed trial
// with its reason; a stop (the caller's flag, a time limit, or a signal handled by
// util/interrupt.hpp, which then throws util::Interrupted) cancels the outstanding jobs and
// stores nothing half done.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "arch/energy.hpp"
#include "executor/executor.hpp"
#include "mapping/workload.hpp"
#include "search/codesign/codesign_search.hpp"
#include "search/codesign/hw_space.hpp"
#include "store/study_store.hpp"

namespace codesign::study {

enum class Fidelity {
  kModel,  // trials scored by the analytical model; the best designs confirmed on the RTL
  kRtl,    // every trial's mappings simulated on its RTL; the optimiser learns the RTL EDP
};
const char* to_string(Fidelity f);

// What defines a study's trials: a resumed study must be given the same.
struct StudySpec {
  mapping::Workload workload;
  nlohmann::json energy;          // the energy table, as read from its file
  search::OptimizerChoice outer;  // algorithm, seed, warm-up
  search::MapperOptions mapper;
  bool leakage = false;  // price leakage (needs areas)
  Fidelity fidelity = Fidelity::kModel;
  bool domain_features = true;  // BO's surrogate sees HwSpace::features, not raw parameters
};

// How the study runs, which does not change its trials.
struct Environment {
  executor::Executor* executor = nullptr;
  std::string job_dir;    // one directory per job below it; shared with the executor's nodes
  std::string cache_dir;  // simulator build cache ("" for the default)
  double simulate_timeout_s = 600;  // of one layer's simulator process
  // The design's area, for leakage, area budgets and the record (empty: not recorded).
  std::function<double(const arch::HwConfig&)> area_of;
};

struct Progress {
  std::size_t trials = 0, resumed = 0, budget = 0, feasible = 0;
  double best_edp_js = 0;  // 0 while nothing is feasible
  double elapsed_s = 0;
};

struct RunSummary {
  std::size_t trials = 0, feasible = 0, resumed = 0;
  bool interrupted = false;     // stopped by the caller's flag
  bool timed_out = false;       // stopped by the time limit
  std::size_t simulations = 0;  // layer simulations this run (collected ones excluded)
  std::size_t cache_hits = 0;   // of those, simulator builds found in the cache
  std::size_t collected = 0;    // jobs whose result was already there (a resumed study)
};

class Study {
 public:
  // The study in `store` (see open_study) must have been started with this spec's identity
  // (util::ConfigError otherwise).
  Study(StudySpec spec, const search::HwSpace& space, store::StudyStore& store, Environment env);
  ~Study();
  Study(const Study&) = delete;
  Study& operator=(const Study&) = delete;

  // Runs batches of `batch` trials until `budget` trials are stored, `time_limit_s` (0: none)
  // has passed, or `stop` is set; progress is reported after every stored trial.
  RunSummary run(std::size_t budget, std::size_t batch, double time_limit_s,
                 const std::atomic<bool>& stop,
                 const std::function<void(const Progress&)>& progress = {});

  // Confirms the best `count` distinct designs on the RTL (those not yet confirmed), their
  // layers' simulations side by side on the executor, within `time_limit_s` (0: none).
  RunSummary confirm(std::size_t count, double time_limit_s, const std::atomic<bool>& stop);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The identity a study records: workload, space, algorithm, seed, warm-up, mapper, leakage,
// fidelity.
nlohmann::json study_identity(const StudySpec& spec, const search::HwSpaceSpec& space);

}  // namespace codesign::study
