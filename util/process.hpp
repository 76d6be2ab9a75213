// Running child processes that never outlive their parent: each runs in its own process
// group under a small guardian process, which kills the whole group (grandchildren
// included) when the parent dies, even by kill -9 (parent-death signal); a time limit, an
// interruption of the parent or an unwinding exception kills the group too.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace codesign::util {

struct ProcessResult {
  int exit_code = -1;      // valid when !timed_out and signal == 0
  int signal = 0;          // the signal that ended it, if any
  bool timed_out = false;  // killed after the time limit

  bool succeeded() const { return !timed_out && signal == 0 && exit_code == 0; }
};

class ChildProcess {
 public:
  // Starts argv[0] with arguments, stdout and stderr appended to `log_file` ("" keeps this
  // process's). Throws std::runtime_error if it cannot be started.
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_file);
  // Kills the group if it still runs, and reaps it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The guardian's pid, which is also the process group's id.
  pid_t pid() const { return pid_; }
  // Waits at most `timeout_s` seconds (negative: no limit); nullopt if it still runs.
  // Throws Interrupted (util/interrupt.hpp) when this process receives a handled signal.
  std::optional<ProcessResult> wait(double timeout_s);
  // Kills the whole group and reaps the guardian.
  void kill();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Runs argv to completion (see ChildProcess), killing it after `timeout_s` seconds (0: no
// limit). Throws Interrupted, after killing it, when this process receives a handled signal.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& log_file,
                          double timeout_s);

}  // namespace codesign::util
