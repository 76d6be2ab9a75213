// Running a short command (a scheduler's client: sbatch, squeue, scontrol, scancel) and
// capturing what it prints.
#pragma once

#include <string>
#include <vector>

namespace codesign::executor {

struct CommandOutput {
  int exit_code = -1;      // 128 + signal when killed; -1 when it could not run
  std::string output;      // stdout and stderr, interleaved
  bool timed_out = false;  // killed after the time limit
};

// Runs argv[0] (looked up in PATH) with stdin from /dev/null, killing it after `timeout_s`.
CommandOutput run_command(const std::vector<std::string>& argv, double timeout_s);

}  // namespace codesign::executor
