// The exit-code contract of every codesign command, enforced in one place (run_command and
// main's handling of the argument parser):
//   0      success
//   1      a simulation failed or mismatched (RTL confirmations and the export's
//          re-simulation included), or a search found no feasible design
//   2      bad input: an argument the parser rejects, a file that is missing, malformed, of
//          the wrong kind, unreadable or unwritable; nothing is written
//   3      an internal error (a bug), said to be one
//   128+N  stopped by signal N: 130 after Ctrl-C (SIGINT), 143 after SIGTERM, 129 after SIGHUP
#pragma once

#include <functional>

namespace codesign::cli {

enum ExitCode : int { kSuccess = 0, kFailed = 1, kBadInput = 2, kInternalError = 3 };

// A command's work, run once the command line is parsed: it returns kSuccess or kFailed and
// throws for everything else (util::ConfigError for bad input, util::Interrupted).
using Command = std::function<ExitCode()>;

// Runs `command` with the interrupt handlers installed, prints what it throws and returns
// the exit code the contract gives it.
int run_command(const Command& command);

}  // namespace codesign::cli
