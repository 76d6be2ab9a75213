#include "util/pid_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/json_reader.hpp"

namespace codesign::util {

namespace {

std::string holder_of(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "another process" : "pid " + pid;
}

}  // namespace

PidLock::PidLock(const std::string& path, const std::string& what) : path_(path) {
  // The holder removes the file before releasing it, so a lock taken on a file that is no
  // longer at `path` is stale: try again on the new one.
  for (;;) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0) throw ConfigError(path + ": cannot create lock file: " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const std::string holder = holder_of(fd_);
      ::close(fd_);
      throw ConfigError(what + " in use by " + holder + " (lock file " + path + ")");
    }
    struct stat held {
    }, now{};
    if (::fstat(fd_, &held) == 0 && ::stat(path.c_str(), &now) == 0 && held.st_ino == now.st_ino &&
        held.st_dev == now.st_dev)
      break;
    ::close(fd_);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    const int e = errno;
    ::unlink(path.c_str());
    ::close(fd_);
    throw ConfigError(path + ": cannot write lock file: " + std::strerror(e));
  }
}

PidLock::~PidLock() {
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace codesign::util
