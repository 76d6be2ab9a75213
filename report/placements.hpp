// Where a study's trials ran: each trial's jobs (its `map` job; at RTL fidelity or
// confirmation its `sim-K` jobs) with the executor, host, job id and wall time the study
// stored in the trial's result under "ran", and totals per host and per executor. Studies
// written before placements were stored have no "ran": their trials are "not recorded".
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/study_store.hpp"

namespace codesign::report {

struct JobPlacement {
  std::string job;       // "map", "sim-0", ...
  std::string executor;  // "local", "slurm"
  std::string host;      // "" when the job never started
  std::string job_id;    // a process id, a Slurm "ARRAY_TASK" id
  double wall_s = 0;
  double started = 0;      // seconds since the epoch; 0 when unknown (never started, older study)
  bool collected = false;  // its result was collected by a resumed driver, not run again
};

struct TrialPlacements {
  std::int64_t trial = 0;
  std::int64_t parent = 0;  // for an RTL trial: the model trial it measures
  std::string fidelity, status;
  bool recorded = false;  // false: the trial has no "ran" (an older study)
  std::vector<JobPlacement> jobs;

  // The map job's wall time (0 without one); the simulate jobs' count and summed wall time.
  double map_wall_s() const;
  std::size_t simulations() const;
  double simulation_wall_s() const;
  std::size_t collected() const;
};

// Reads a trial's "ran"; a placement's missing or mistyped field reads as empty or 0.
TrialPlacements trial_placements(const store::Trial& t);

struct JobTally {
  std::size_t jobs = 0;
  double wall_s = 0;
};

struct PlacementSummary {
  std::size_t trials = 0, unrecorded = 0;  // trials seen; of them without placements
  std::size_t collected = 0;               // jobs collected after a driver restart
  JobTally total;
  // From the first job's start to the last job's end, over the jobs with a start time, and
  // their summed wall time: their ratio is how many jobs ran at once on average (a stopped
  // and resumed driver's downtime counts in the span).
  double span_s = 0, spanned_wall_s = 0;
  std::map<std::string, JobTally> by_host, by_executor;  // a job that never started: host ""
};

PlacementSummary summarise(const std::vector<TrialPlacements>& trials);

}  // namespace codesign::report
