#include "util/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "util/interrupt.hpp"

namespace codesign::util {

namespace {

ProcessResult result_of(int status) {
  ProcessResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

// The command itself, in the guardian's process group: default signal handling, output to
// the log, then exec. Only async-signal-safe calls after fork.
[[noreturn]] void exec_command(char* const* argv, const char* log_file, const sigset_t& mask) {
  for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE}) ::signal(s, SIG_DFL);
  ::sigprocmask(SIG_SETMASK, &mask, nullptr);
  if (*log_file) {
    const int fd = ::open(log_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
  }
  ::execv(argv[0], argv);
  ::_exit(127);
}

// The guardian: leads a new process group, starts the command in it, and passes on how it
// ended. If the parent dies (parent-death signal SIGTERM) or sends SIGTERM, it kills the
// whole group, itself included.
[[noreturn]] void guard(pid_t parent, char* const* argv, const char* log_file) {
  ::setpgid(0, 0);
  sigset_t wanted, old;
  sigemptyset(&wanted);
  for (const int s : {SIGTERM, SIGCHLD, SIGINT, SIGHUP}) sigaddset(&wanted, s);
  ::sigprocmask(SIG_BLOCK, &wanted, &old);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(128 + SIGKILL);  // the parent died before the prctl
  const pid_t command = ::fork();
  if (command < 0) ::_exit(127);
  if (command == 0) {
    sigdelset(&old, SIGCHLD);
    exec_command(argv, log_file, old);
  }
  for (;;) {
    int signal = 0;
    if (::sigwait(&wanted, &signal) != 0) continue;
    if (signal != SIGCHLD) {
      ::kill(0, SIGKILL);
      ::_exit(128 + SIGKILL);
    }
    int status = 0;
    if (::waitpid(command, &status, WNOHANG) != command) continue;
    if (WIFEXITED(status)) ::_exit(WEXITSTATUS(status));
    // Die of the same signal, so the parent sees it.
    const int s = WTERMSIG(status);
    ::signal(s, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, s);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::kill(::getpid(), s);
    ::_exit(128 + s);
  }
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& log_file) {
  if (argv.empty()) throw std::invalid_argument("ChildProcess: empty command");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error(argv[0] + ": cannot start a process: " + std::strerror(errno));
  if (pid_ == 0) guard(parent, args.data(), log_file.c_str());
  // Also here: signals sent to the group right away must find it formed.
  ::setpgid(pid_, pid_);
}

ChildProcess::~ChildProcess() {
  if (!reaped_) kill();
}

void ChildProcess::kill() {
  if (reaped_) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
}

std::optional<ProcessResult> ChildProcess::wait(double timeout_s) {
  if (reaped_) throw std::logic_error("ChildProcess::wait: already reaped");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(std::max(0.0, timeout_s));
  // Poll rather than block so that the time limit and interruptions hold; 2 ms is plenty.
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      reaped_ = true;
      return result_of(status);
    }
    if (pending_interrupt()) {
      kill();
      throw_if_interrupted();
    }
    if (timeout_s >= 0 && std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& log_file,
                          double timeout_s) {
  ChildProcess child(argv, log_file);
  if (auto r = child.wait(timeout_s > 0 ? timeout_s : -1.0)) return *r;
  child.kill();
  ProcessResult r;
  r.timed_out = true;
  return r;
}

}  // namespace codesign::util
