#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::util {

FileLock::FileLock(const std::string& path) : FileLock(path, -1, path) {}

FileLock::FileLock(const std::string& path, double timeout_s, const std::string& what)
    : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
  if (fd_ < 0)
    throw ConfigError(path + ": cannot create lock file: " + std::strerror(errno) +
                      " (the directory must be writable)");
  const auto start = std::chrono::steady_clock::now();
  bool said = false;
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
      held_ = true;
      return;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int e = errno;
      ::close(fd_);
      throw ConfigError(path + ": cannot lock: " + std::strerror(e));
    }
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (timeout_s >= 0 && waited >= timeout_s) return;
    if (!said) {
      const std::string bound =
          timeout_s >= 0 ? ", at most " + std::to_string(static_cast<long>(timeout_s)) + " s" : "";
      std::fprintf(stderr, "codesign: waiting for %s (locked by another process: %s%s)\n",
                   what.c_str(), path.c_str(), bound.c_str());
      said = true;
    }
    if (pending_interrupt()) {
      ::close(fd_);
      throw_if_interrupted();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

FileLock::~FileLock() {
  if (held_) ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace codesign::util
