#include "util/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace codesign::util {

namespace {

// Process-wide by nature: a signal arrives for the process, not for an object.
volatile sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal) {
  // A second signal means "now": children in their own process groups die with us
  // (parent-death signal), so only the cleanup of temporary directories is skipped.
  if (g_signal != 0) ::_exit(128 + signal);
  g_signal = signal;
}

}  // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") + ::strsignal(signal)), signal_(signal) {}

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking wait returns with EINTR and sees the signal
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &sa, nullptr);
}

int pending_interrupt() { return g_signal; }

void throw_if_interrupted() {
  if (g_signal != 0) throw Interrupted(g_signal);
}

}  // namespace codesign::util
