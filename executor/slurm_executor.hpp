// Runs jobs as Slurm array tasks: `sbatch --array=0-N` whose task i runs the worker on the
// i-th job directory. At most `slots` tasks of this executor are queued or running at once,
// whatever the number of submit() calls (an array's own %limit would bound only that
// array): jobs beyond that wait here and go out as a new array when tasks end. Jobs are followed
// with `scontrol` (no accounting database needed); Slurm's terminal states become ends with their
// reasons. A watchdog of this executor stops tasks over their time limit, since Slurm enforces
// --time only about every 30 s. cancel() and the destructor `scancel` every outstanding task.
//
// Job directories must be on a file system that the submitting host and the nodes share;
// only the worker writes in them on a node. A task's submission record (its Slurm id) lets a
// restarted driver follow a task that is still queued or running instead of submitting it
// again; a task this executor cancels loses its record, so a later run starts it afresh.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "executor/executor.hpp"

namespace codesign::executor {

struct SlurmOptions {
  std::vector<std::string> worker;       // the worker command; each job's directory is appended
  std::string script_dir;                // shared directory for batch scripts and task logs
  std::string partition;                 // "" for the cluster's default
  std::size_t slots = 4;                 // tasks queued or running at once, at most
  double time_limit_s = 0;               // per task, kept by the watchdog; 0: none
  std::string time_request;              // sbatch --time ("" for time_limit_s, rounded up)
  std::vector<std::string> sbatch_args;  // passed through, after this executor's own
  std::string job_name = "codesign";
  double poll_interval_s = 1;    // between scontrol calls while waiting
  double client_timeout_s = 60;  // for one sbatch, scontrol or scancel call
};

class SlurmExecutor : public Executor {
 public:
  // Checks the options and that the controller answers (and knows the partition); throws
  // std::invalid_argument on bad options, std::runtime_error when Slurm cannot be reached.
  explicit SlurmExecutor(SlurmOptions options);
  ~SlurmExecutor() override;
  SlurmExecutor(const SlurmExecutor&) = delete;
  SlurmExecutor& operator=(const SlurmExecutor&) = delete;

  const char* name() const override { return "slurm"; }
  std::size_t slots() const override { return options_.slots; }
  void submit(const std::vector<std::string>& job_dirs) override;
  std::vector<JobEnd> wait(double timeout_s) override;
  std::size_t outstanding() const override { return tasks_.size() + ended_.size() + held_.size(); }
  void cancel() override;

 private:
  using Clock = std::chrono::steady_clock;
  struct Task {
    std::string dir;
    std::string array_id;
    long index = 0;
    bool over_time = false;   // the watchdog cancelled it
    bool cancelling = false;  // cancel() cancelled it
    int unseen_polls = 0;     // polls that did not mention it
  };

  // "ARRAY_INDEX": the id Slurm's commands take for one array task.
  static std::string task_id(const Task& t);
  // sbatch's answer for one array of `dirs`; returns its array job id.
  std::string submit_array(const std::vector<std::string>& dirs);
  // Submits held jobs, as one array, up to the slots that tasks_ leaves free.
  void submit_held();
  // Asks Slurm about every followed task and moves the ended ones to ended_.
  void poll();
  void end_task(const Task& t, JobEnd end);
  void scancel(const std::vector<std::string>& ids);

  SlurmOptions options_;
  std::map<std::string, Task> tasks_;  // by task id
  struct Held {
    std::string named;     // as the caller named it, for its end
    std::string absolute;  // as the batch script names it
  };
  std::deque<Held> held_;  // submitted by the caller, waiting for a free slot
  std::vector<JobEnd> ended_;
  std::size_t arrays_ = 0;  // submitted by this executor, to name their scripts
  Clock::time_point last_poll_{};
  Clock::time_point unreachable_since_{};  // since when scontrol has been failing, if it is
};

}  // namespace codesign::executor
