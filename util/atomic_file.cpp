#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/json_reader.hpp"
#include "util/output_paths.hpp"

namespace codesign::util {

namespace {

struct Staged {
  std::string path, tmp;
};

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw ConfigError(path + ": cannot write: " + what + std::strerror(error));
}

void require_replaceable(const std::string& path) {
  const std::string kind = file_kind(path);
  if (!kind.empty() && kind != "a regular file")
    throw ConfigError(path + ": is " + kind + "; refusing to replace it with a regular file");
}

// Writes `content` to a new file beside `path`; returns its name.
std::string stage(const std::string& path, const std::string& content) {
  require_replaceable(path);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  ::unlink(tmp.c_str());  // left by an earlier process of this pid that was killed
  // O_EXCL | O_NOFOLLOW: never write through something planted at the temporary name.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) fail(path, "", errno);
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) ::fchmod(fd, existing.st_mode & 07777);
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail(path, "", e);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    fail(path, "", e);
  }
  return tmp;
}

}  // namespace

void write_file_atomic(const std::string& path, const std::string& content) {
  write_files_atomic({{path, content}});
}

void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<Staged> staged;
  try {
    for (const auto& [path, content] : files) staged.push_back({path, stage(path, content)});
    for (const Staged& s : staged) {
      require_replaceable(s.path);  // again: something may have appeared meanwhile
      if (::rename(s.tmp.c_str(), s.path.c_str()) != 0) fail(s.path, "rename: ", errno);
    }
  } catch (...) {
    for (const Staged& s : staged) ::unlink(s.tmp.c_str());
    throw;
  }
}

}  // namespace codesign::util
