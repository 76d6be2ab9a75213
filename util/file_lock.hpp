// An exclusive advisory lock on a file (flock), held for the lifetime of the object, so that
// processes sharing a cache directory build each entry once.
#pragma once

#include <string>

namespace codesign::util {

class FileLock {
 public:
  // Creates the lock file if needed and blocks until the lock is held.
  explicit FileLock(const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

}  // namespace codesign::util
