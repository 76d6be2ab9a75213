#include "util/forked_tasks.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::util {

namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  std::size_t index;
  pid_t pid;
  int fd;  // read end of the child's answer pipe
  Clock::time_point start;
  std::string data;
};

// The child's answer: 'O' and the task's output, 'B' and a bad-input message (ConfigError),
// or 'E' and another exception's message.
void answer(int fd, const std::string& message) {
  for (std::size_t sent = 0; sent < message.size();) {
    const ssize_t n = ::write(fd, message.data() + sent, message.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

Running launch(const Task& task, std::size_t index) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("worker pipe: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("worker fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    // Out of the terminal's process group: the parent decides when a worker stops, and a
    // worker dies with its parent, however the parent ends.
    ::setpgid(0, 0);
    for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    std::string message;
    try {
      message = "O" + task();
    } catch (const ConfigError& e) {
      message = std::string("B") + e.what();
    } catch (const std::exception& e) {
      message = std::string("E") + e.what();
    } catch (...) {
      message = "Eunknown exception";
    }
    answer(fds[1], message);
    // No destructors or atexit handlers: they belong to the parent's resources.
    ::_exit(0);
  }
  ::close(fds[1]);
  return {index, pid, fds[0], Clock::now(), {}};
}

TaskOutcome finish(Running& r, int status) {
  TaskOutcome o;
  o.wall_s = std::chrono::duration<double>(Clock::now() - r.start).count();
  if (WIFSIGNALED(status)) {
    o.reason = "worker crashed: signal " + std::to_string(WTERMSIG(status)) + " (" +
               ::strsignal(WTERMSIG(status)) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    o.reason = "worker exited with status " + std::to_string(WEXITSTATUS(status));
  } else if (r.data.empty()) {
    o.reason = "worker exited without an answer";
  } else if (r.data[0] != 'O') {
    o.reason = r.data.substr(1);
    o.bad_input = r.data[0] == 'B';
  } else {
    o.ok = true;
    o.output = r.data.substr(1);
  }
  return o;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

bool run_forked(const std::vector<Task>& tasks, std::size_t workers, double timeout_s,
                const std::function<void(std::size_t, const TaskOutcome&)>& on_done,
                double deadline_s) {
  if (workers == 0) throw std::invalid_argument("run_forked: workers must be at least 1");
  const auto limit =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  const auto cutoff = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(deadline_s));
  std::vector<Running> running;
  // If the caller's callback throws, no child outlives the call.
  struct Reaper {
    std::vector<Running>& running;
    ~Reaper() {
      for (Running& r : running) {
        ::kill(-r.pid, SIGKILL);
        ::kill(r.pid, SIGKILL);
        wait_for(r.pid);
        ::close(r.fd);
      }
    }
  } reaper{running};
  std::size_t next = 0;
  while (next < tasks.size() || !running.empty()) {
    if (deadline_s > 0 && Clock::now() >= cutoff) return false;  // the reaper kills the rest
    while (running.size() < workers && next < tasks.size()) {
      running.push_back(launch(tasks[next], next));
      ++next;
    }
    // Wait for output, an exit (end of file) or the nearest time limit.
    int wait_ms = -1;
    if (timeout_s > 0 || deadline_s > 0) {
      auto nearest = deadline_s > 0 ? cutoff : running.front().start + limit;
      if (timeout_s > 0)
        for (const Running& r : running) nearest = std::min(nearest, r.start + limit);
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(nearest - Clock::now());
      wait_ms = static_cast<int>(std::max<long long>(0, left.count() + 1));
    }
    std::vector<pollfd> fds;
    for (const Running& r : running) fds.push_back({r.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR)
      throw std::runtime_error(std::string("worker poll: ") + std::strerror(errno));
    throw_if_interrupted();  // the reaper kills every worker on the way out

    std::vector<Running> still;
    for (std::size_t i = 0; i < running.size(); ++i) {
      Running& r = running[i];
      bool ended = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        const ssize_t n = ::read(r.fd, buf, sizeof buf);
        if (n > 0) r.data.append(buf, static_cast<std::size_t>(n));
        ended = n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN);
      }
      if (ended) {
        ::close(r.fd);
        const TaskOutcome o = finish(r, wait_for(r.pid));
        on_done(r.index, o);
      } else if (timeout_s > 0 && Clock::now() - r.start > limit) {
        ::kill(r.pid, SIGKILL);
        wait_for(r.pid);
        ::close(r.fd);
        TaskOutcome o;
        o.timed_out = true;
        o.wall_s = std::chrono::duration<double>(Clock::now() - r.start).count();
        char reason[80];
        std::snprintf(reason, sizeof reason, "worker killed after the time limit of %g s",
                      timeout_s);
        o.reason = reason;
        on_done(r.index, o);
      } else {
        still.push_back(std::move(r));
      }
    }
    running = std::move(still);
  }
  return true;
}

}  // namespace codesign::util
