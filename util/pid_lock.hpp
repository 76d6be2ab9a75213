// A lock that names its holder: an exclusive flock on a lock file that holds the holder's
// pid. It is taken or refused at once (never waited for), so a second writer of something
// is told who has it. The file is removed when the lock is released.
#pragma once

#include <string>

namespace codesign::util {

class PidLock {
 public:
  // Takes the lock on `path` (created if needed). Throws ConfigError "<what> in use by pid N"
  // if another process holds it, or naming the file if it cannot be created.
  PidLock(const std::string& path, const std::string& what);
  ~PidLock();
  PidLock(const PidLock&) = delete;
  PidLock& operator=(const PidLock&) = delete;

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace codesign::util
