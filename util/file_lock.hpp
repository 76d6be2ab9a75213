// An exclusive advisory lock on a file (flock), held for the lifetime of the object, so that
// processes sharing a cache directory build each entry once. Waiting is bounded, said, and
// interruptible.
#pragma once

#include <string>

namespace codesign::util {

class FileLock {
 public:
  // Creates the lock file if needed and waits for the lock without limit.
  explicit FileLock(const std::string& path);
  // Waits at most `timeout_s` seconds (negative: no limit); held() tells whether it got the
  // lock. If it has to wait, prints "codesign: waiting for <what> ..." to stderr once.
  FileLock(const std::string& path, double timeout_s, const std::string& what);
  // Both throw ConfigError naming the file if it cannot be created or opened (a directory
  // without write permission), and Interrupted (util/interrupt.hpp) on a handled signal.
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  bool held() const { return held_; }

 private:
  int fd_;
  bool held_ = false;
};

}  // namespace codesign::util
