// Runs tasks in forked worker processes, a few at a time. A task that crashes, exits
// without an answer or overruns its time limit becomes a failed outcome with its reason,
// never a crash of the caller. Each child starts from the caller's memory as it was at the
// fork (a consistent snapshot, no locking) and sends its answer back over a pipe. Workers
// run in their own process groups and die with the caller (parent-death signal): a
// terminal's Ctrl-C reaches only the caller, which then kills every worker and throws
// util::Interrupted; a caller killed by kill -9 leaves no worker behind.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace codesign::util {

struct TaskOutcome {
  bool ok = false;
  std::string output;      // what the task returned, when ok
  std::string reason;      // why not ok: the task's exception, a signal, the time limit
  bool bad_input = false;  // the task threw util::ConfigError: the input, not the work, failed
  bool timed_out = false;
  double wall_s = 0;
};

using Task = std::function<std::string()>;

// Runs every task, at most `workers` at once, killing one after `timeout_s` seconds (0: no
// limit). `on_done(index, outcome)` runs in the caller's process as each task finishes, in
// completion order. `deadline_s` > 0 bounds the whole call: at that many seconds from now,
// tasks still running are killed and, like those not started, never reported; the call
// then returns false. Throws util::Interrupted, with every worker killed, when the caller
// receives a handled signal (util/interrupt.hpp).
bool run_forked(const std::vector<Task>& tasks, std::size_t workers, double timeout_s,
                const std::function<void(std::size_t, const TaskOutcome&)>& on_done,
                double deadline_s = 0);

}  // namespace codesign::util
