// Reading Slurm's view of a job array without an accounting database: the one-line records
// of `scontrol -o show job ARRAY_ID`, and how each terminal state ends a job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "executor/executor.hpp"

namespace codesign::executor {

// One record: a single array task, or the not yet started tasks that Slurm still keeps
// together (ArrayTaskId=3-7%2).
struct SlurmRecord {
  std::string array_job_id;
  std::vector<long> tasks;
  std::string state;   // JobState: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, ...
  std::string reason;  // Reason
  int exit_code = 0;   // ExitCode=code:signal
  int exit_signal = 0;
  double run_time_s = 0;  // RunTime
  std::string host;       // BatchHost, else NodeList
};

// Parses `scontrol -o show job` output; lines that are not job records are skipped.
std::vector<SlurmRecord> parse_scontrol_jobs(const std::string& text);

// "1-02:03:04", "02:03:04", "03:04" → seconds; throws std::invalid_argument otherwise.
double parse_slurm_duration(const std::string& text);

// "0-7%2", "1,3-5", "4" → the task ids.
std::vector<long> parse_array_tasks(const std::string& text);

// Whether a job in `state` will still run or is running (PENDING, RUNNING, COMPLETING, ...).
bool slurm_state_is_active(const std::string& state);

// How a job in a terminal state ends, before its result file is looked at: COMPLETED is
// `done`, TIMEOUT `timed_out`, CANCELLED `cancelled` (from outside the study: this executor
// relabels its own cancellations), every other state `failed` with the state named.
JobEnd slurm_end(const SlurmRecord& record);

}  // namespace codesign::executor
