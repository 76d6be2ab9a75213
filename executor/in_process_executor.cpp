#include "executor/in_process_executor.hpp"

#include <chrono>

#include "executor/job_dir.hpp"

namespace codesign::executor {

void InProcessExecutor::submit(const std::vector<std::string>& job_dirs) {
  for (const std::string& dir : job_dirs) {
    if (has_result(dir))
      ended_.push_back(collected_end(dir));
    else
      queued_.push_back(dir);
  }
}

std::vector<JobEnd> InProcessExecutor::wait(double) {
  if (ended_.empty() && !queued_.empty()) {
    const std::string dir = queued_.front();
    queued_.pop_front();
    const auto t0 = std::chrono::steady_clock::now();
    const int code = run_worker(dir, handler_);
    const Placement where{
        name(), host_name(), "",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
    ended_.push_back(end_after_exit(dir, "worker returned " + std::to_string(code), where));
  }
  return std::exchange(ended_, {});
}

void InProcessExecutor::cancel() {
  for (JobEnd& end : cancelled_before_start(queued_, name())) ended_.push_back(std::move(end));
  queued_.clear();
}

}  // namespace codesign::executor
