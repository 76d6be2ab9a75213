// Runs jobs in this process, one at a time, through the same worker code (run_worker) that
// `codesign worker` runs: for tests and benchmarks of a driver without processes to manage.
// A job that throws ends failed; there are no time limits (nothing to stop it with).
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "executor/executor.hpp"
#include "executor/worker.hpp"

namespace codesign::executor {

class InProcessExecutor : public Executor {
 public:
  explicit InProcessExecutor(JobHandler handler) : handler_(std::move(handler)) {}

  const char* name() const override { return "in-process"; }
  std::size_t slots() const override { return 1; }
  void submit(const std::vector<std::string>& job_dirs) override;
  // Runs one queued job (timeout_s does not bound it) and returns its end.
  std::vector<JobEnd> wait(double timeout_s) override;
  std::size_t outstanding() const override { return queued_.size() + ended_.size(); }
  void cancel() override;

 private:
  JobHandler handler_;
  std::deque<std::string> queued_;
  std::vector<JobEnd> ended_;
};

}  // namespace codesign::executor
