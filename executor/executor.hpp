// Executors run jobs. A job is a directory (see job_dir.hpp) holding `job.json`; one command,
// the worker, turns it into `result.json`. An executor knows nothing of what a job computes:
// it starts the worker on each job directory, somewhere, and reports how each job ended.
//
// Nothing here assumes that a job runs in this process, that jobs end in the order they were
// submitted, or that they end at all: a job that overruns its time limit, is cancelled, or
// vanishes from a scheduler ends with that kind and a reason.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace codesign::executor {

enum class EndKind {
  done,       // the worker wrote result.json and exited 0
  failed,     // no result: a non-zero exit, a crash, a scheduler's failure state (reason says)
  cancelled,  // cancelled, by this executor's cancel() or from outside (reason says which)
  timed_out,  // over its time limit, stopped
  lost,       // the scheduler no longer knows the job and it left no result
};

const char* to_string(EndKind kind);

// Where and how long a job ran.
struct Placement {
  std::string executor;  // "local", "slurm"
  std::string host;      // the node that ran it ("" when it never started)
  std::string job_id;    // the executor's id: a process id, a Slurm "ARRAY_TASK" id
  double wall_s = 0;     // from start to end (0 when it never started)
  double started = 0;    // when its worker started, seconds since the epoch (0: unknown)
};

struct JobEnd {
  std::string dir;  // the job directory, as submitted
  EndKind kind = EndKind::failed;
  std::string reason;  // why it did not end done; empty when done
  Placement where;
  bool collected = false;  // its result was already there at submission: not run again
};

// The end of a job whose directory already holds its result: where it ran comes from its
// submission record and its result.
JobEnd collected_end(const std::string& dir);

// The end of a job whose worker has exited (or whose scheduler says it did): done when it
// left a result, whatever its exit status (results are written whole); otherwise `failed`
// with `reason` and the last line of the job's log.
JobEnd end_after_exit(const std::string& dir, const std::string& reason, Placement where);

// The ends of jobs still queued when an executor is cancelled: each `cancelled` before it
// started.
std::vector<JobEnd> cancelled_before_start(const std::deque<std::string>& queued,
                                           const std::string& executor);

class Executor {
 public:
  virtual ~Executor() = default;

  virtual const char* name() const = 0;

  // How many jobs run at once, at most.
  virtual std::size_t slots() const = 0;

  // Submits job directories (each holding job.json). A job whose directory already holds
  // result.json is not run again: it ends `done` and `collected` at the next wait(). An
  // executor that can follow jobs submitted by an earlier driver (a scheduler's jobs outlive
  // it) follows them rather than running them twice.
  virtual void submit(const std::vector<std::string>& job_dirs) = 0;

  // Waits until at least one job has ended or `timeout_s` has passed, and returns the ends
  // not yet returned, in the order they happened. Returns at once when nothing is
  // outstanding.
  virtual std::vector<JobEnd> wait(double timeout_s) = 0;

  // Jobs submitted whose end wait() has not yet returned.
  virtual std::size_t outstanding() const = 0;

  // Stops every outstanding job (queued ones never start) and returns once none of them runs
  // any more; each ends `cancelled`, returned by the next wait().
  virtual void cancel() = 0;
};

}  // namespace codesign::executor
