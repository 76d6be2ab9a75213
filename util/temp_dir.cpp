#include "util/temp_dir.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace codesign::util {

namespace fs = std::filesystem;

namespace {

bool process_exists(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH; }

}  // namespace

void remove_orphaned_temp_dirs(const std::string& parent, const std::string& kind) {
  const std::string prefix = kind + "-";
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    char* rest = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &rest, 10);
    if (pid <= 0 || *rest != '-' || process_exists(pid)) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

TempDir::TempDir(const std::string& kind) {
  const std::string parent = fs::temp_directory_path().string();
  remove_orphaned_temp_dirs(parent, kind);
  std::string templ = parent + "/" + kind + "-" + std::to_string(::getpid()) + "-XXXXXX";
  if (!::mkdtemp(templ.data()))
    throw std::runtime_error(parent +
                             ": cannot create a temporary directory: " + std::strerror(errno));
  path_ = templ;
}

TempDir::~TempDir() {
  if (keep_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace codesign::util
