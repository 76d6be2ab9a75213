// Runs jobs as child processes of this one, a few at a time: each worker is exec'd in its
// own process group (a Ctrl-C in the terminal reaches only the driver, which decides), dies
// with the driver (PR_SET_PDEATHSIG), and is stopped with its whole group when it overruns
// its time limit or is cancelled (SIGTERM, then SIGKILL after a grace period).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "executor/executor.hpp"

namespace codesign::executor {

struct LocalOptions {
  std::vector<std::string> worker;  // the worker command; each job's directory is appended
  std::size_t slots = 1;            // jobs running at once
  double time_limit_s = 0;          // per job, from its start; 0: none
  double kill_grace_s = 2;          // between SIGTERM and SIGKILL
};

class LocalExecutor : public Executor {
 public:
  // Throws std::invalid_argument on an empty worker command or zero slots.
  explicit LocalExecutor(LocalOptions options);
  ~LocalExecutor() override;
  LocalExecutor(const LocalExecutor&) = delete;
  LocalExecutor& operator=(const LocalExecutor&) = delete;

  const char* name() const override { return "local"; }
  std::size_t slots() const override { return options_.slots; }
  void submit(const std::vector<std::string>& job_dirs) override;
  std::vector<JobEnd> wait(double timeout_s) override;
  std::size_t outstanding() const override;
  void cancel() override;

 private:
  using Clock = std::chrono::steady_clock;
  struct Running {
    std::string dir;
    pid_t pid = 0;
    Clock::time_point start;
    // Set once this executor has signalled the job: since when, and how it then ends.
    std::optional<Clock::time_point> stopping;
    EndKind stop_kind = EndKind::cancelled;
    std::string stop_reason;
  };

  void start_queued();
  void launch(const std::string& dir);
  void stop(Running& r, EndKind kind, const std::string& reason);
  // Reaps every worker that has exited, enforcing time limits and grace periods.
  void reap();

  LocalOptions options_;
  std::string host_;
  std::deque<std::string> queued_;
  std::vector<Running> running_;
  std::vector<JobEnd> ended_;
};

}  // namespace codesign::executor
