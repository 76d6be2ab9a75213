// Running child processes: a shell command, or a program with a wall-clock limit.
#pragma once

#include <string>
#include <vector>

namespace codesign::util {

// Runs `command` with /bin/sh; returns its exit status (128 + signal if killed).
int run_shell(const std::string& command);

struct ProcessResult {
  int exit_code = -1;      // valid when !timed_out and signal == 0
  int signal = 0;          // the signal that ended it, if any
  bool timed_out = false;  // killed after the time limit
};

// Runs argv[0] with arguments, stdout and stderr appended to `log_file`, killing it after
// `timeout_s` seconds (0: no limit).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& log_file,
                          double timeout_s);

}  // namespace codesign::util
