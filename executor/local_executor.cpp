#include "executor/local_executor.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "executor/job_dir.hpp"

namespace codesign::executor {

namespace {

// How often wait() looks at its children: fine enough for sub-second jobs, and ~100
// wake-ups a second cost nothing next to a worker.
constexpr auto kPollInterval = std::chrono::milliseconds(10);

std::string describe_exit(int status) {
  if (WIFSIGNALED(status))
    return "worker killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "worker exited with status " + std::to_string(WEXITSTATUS(status));
  return "worker exited without writing result.json";
}

}  // namespace

LocalExecutor::LocalExecutor(LocalOptions options)
    : options_(std::move(options)), host_(host_name()) {
  if (options_.worker.empty()) throw std::invalid_argument("local executor: no worker command");
  if (options_.slots == 0) throw std::invalid_argument("local executor: slots must be at least 1");
}

LocalExecutor::~LocalExecutor() {
  if (!running_.empty()) cancel();
}

void LocalExecutor::submit(const std::vector<std::string>& job_dirs) {
  for (const std::string& dir : job_dirs) {
    if (has_result(dir))
      ended_.push_back(collected_end(dir));
    else
      queued_.push_back(dir);
  }
  start_queued();
}

std::size_t LocalExecutor::outstanding() const {
  return queued_.size() + running_.size() + ended_.size();
}

void LocalExecutor::start_queued() {
  while (running_.size() < options_.slots && !queued_.empty()) {
    launch(queued_.front());
    queued_.pop_front();
  }
}

void LocalExecutor::launch(const std::string& dir) {
  std::vector<std::string> argv = options_.worker;
  argv.push_back(dir);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string log = log_file(dir);
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("local executor: fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Own process group: a terminal's Ctrl-C reaches the driver only, and stop() can signal
    // the worker with everything it started. Dies with the driver, even by SIGKILL.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    const int in = ::open("/dev/null", O_RDONLY);
    if (in >= 0) ::dup2(in, STDIN_FILENO);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (out >= 0) {
      ::dup2(out, STDOUT_FILENO);
      ::dup2(out, STDERR_FILENO);
    }
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "local executor: cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so that stop() never races the child's own setpgid
  write_submission(dir, {name(), std::to_string(pid)});
  Running r;
  r.dir = dir;
  r.pid = pid;
  r.start = Clock::now();
  running_.push_back(std::move(r));
}

void LocalExecutor::stop(Running& r, EndKind kind, const std::string& reason) {
  if (r.stopping) return;
  r.stopping = Clock::now();
  r.stop_kind = kind;
  r.stop_reason = reason;
  ::kill(-r.pid, SIGTERM);
}

void LocalExecutor::reap() {
  const auto now = Clock::now();
  const auto grace = std::chrono::duration<double>(options_.kill_grace_s);
  const auto limit = std::chrono::duration<double>(options_.time_limit_s);
  std::vector<Running> still;
  for (Running& r : running_) {
    int status = 0;
    const pid_t done = ::waitpid(r.pid, &status, WNOHANG);
    if (done == r.pid) {
      // The group may hold children the worker left behind.
      ::kill(-r.pid, SIGKILL);
      const Placement where{name(), host_, std::to_string(r.pid),
                            std::chrono::duration<double>(now - r.start).count()};
      JobEnd end;
      if (r.stopping && !has_result(r.dir)) {
        end.dir = r.dir;
        end.kind = r.stop_kind;
        end.reason = r.stop_reason;
        end.where = where;
      } else {
        end = end_after_exit(r.dir, describe_exit(status), where);
      }
      ended_.push_back(std::move(end));
      continue;
    }
    if (!r.stopping && options_.time_limit_s > 0 && now - r.start > limit) {
      char reason[96];
      std::snprintf(reason, sizeof reason, "over the time limit of %g s", options_.time_limit_s);
      stop(r, EndKind::timed_out, reason);
    } else if (r.stopping && now - *r.stopping > grace) {
      ::kill(-r.pid, SIGKILL);
    }
    still.push_back(std::move(r));
  }
  running_ = std::move(still);
  start_queued();
}

std::vector<JobEnd> LocalExecutor::wait(double timeout_s) {
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(timeout_s));
  for (;;) {
    reap();
    if (!ended_.empty() || running_.empty()) break;
    const auto now = Clock::now();
    if (now >= deadline) break;
    std::this_thread::sleep_until(std::min(now + kPollInterval, deadline));
  }
  return std::exchange(ended_, {});
}

void LocalExecutor::cancel() {
  for (JobEnd& end : cancelled_before_start(queued_, name())) ended_.push_back(std::move(end));
  queued_.clear();
  for (Running& r : running_) stop(r, EndKind::cancelled, "cancelled by the driver");
  while (!running_.empty()) {
    reap();
    if (!running_.empty()) std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace codesign::executor
