// Interruption by a signal (Ctrl-C, SIGTERM, a closed terminal), turned into an exception
// at the next wait, so that every exit path unwinds: children are killed, temporary
// directories removed, the exit code is 128 + the signal (130 after Ctrl-C).
#pragma once

#include <stdexcept>

namespace codesign::util {

// Thrown by waits (child processes, workers, locks) once a handled signal has arrived.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal);
  int signal() const { return signal_; }
  int exit_code() const { return 128 + signal_; }

 private:
  int signal_;
};

// Handles SIGINT, SIGTERM and SIGHUP by recording the signal (a second one of them ends the
// process at once, with the same exit code); blocking calls then return early with EINTR.
void install_interrupt_handlers();
// The signal received since the handlers were installed, or 0.
int pending_interrupt();
// Throws Interrupted if a signal is pending.
void throw_if_interrupted();

}  // namespace codesign::util
