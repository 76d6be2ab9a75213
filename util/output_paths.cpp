#include "util/output_paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/json_reader.hpp"

namespace codesign::util {

namespace fs = std::filesystem;

namespace {

// Whether two paths name one file: the same inode when both exist (symlinks and hard links
// followed), else the same normalised absolute path.
bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const fs::path ca = fs::weakly_canonical(fs::absolute(a), ea);
  const fs::path cb = fs::weakly_canonical(fs::absolute(b), eb);
  return !ea && !eb && ca == cb;
}

void require_writable_parent(const PathArg& out) {
  fs::path parent = fs::path(out.path).parent_path();
  if (parent.empty()) parent = ".";
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0)
    throw ConfigError(out.option + ": " + out.path + ": its directory " + parent.string() +
                      " does not exist");
  if (!S_ISDIR(st.st_mode))
    throw ConfigError(out.option + ": " + out.path + ": " + parent.string() +
                      " is not a directory");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw ConfigError(out.option + ": " + out.path + ": cannot write in " + parent.string() + ": " +
                      std::strerror(errno));
}

void require_distinct(const PathArg& out, const std::vector<PathArg>& inputs,
                      const std::vector<const PathArg*>& earlier) {
  for (const PathArg& in : inputs)
    if (!in.path.empty() && same_file(out.path, in.path))
      throw ConfigError(out.option + ": " + out.path + " is the input given by " + in.option +
                        "; an output never replaces an input: choose another file");
  for (const PathArg* o : earlier)
    if (same_file(out.path, o->path))
      throw ConfigError(out.option + " and " + o->option + " name the same file " + out.path +
                        "; each output needs its own file");
}

}  // namespace

std::string file_kind(const std::string& path, bool follow_symlinks) {
  struct stat st {};
  if ((follow_symlinks ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) return "";
  if (S_ISREG(st.st_mode)) return "a regular file";
  if (S_ISDIR(st.st_mode)) return "a directory";
  if (S_ISLNK(st.st_mode)) return "a symbolic link";
  if (S_ISFIFO(st.st_mode)) return "a FIFO";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device";
  if (S_ISSOCK(st.st_mode)) return "a socket";
  return "a special file";
}

void check_output_paths(const std::vector<PathArg>& inputs, const std::vector<PathArg>& outputs,
                        const std::vector<PathArg>& output_dirs) {
  std::vector<const PathArg*> seen;
  for (const PathArg& out : outputs) {
    if (out.path.empty()) throw ConfigError(out.option + ": empty path; name a file");
    const std::string kind = file_kind(out.path);
    if (!kind.empty() && kind != "a regular file")
      throw ConfigError(out.option + ": " + out.path + " is " + kind +
                        "; an output is written as a new regular file, so only a regular file "
                        "is replaced: choose another path");
    require_distinct(out, inputs, seen);
    require_writable_parent(out);
    seen.push_back(&out);
  }
  for (const PathArg& out : output_dirs) {
    if (out.path.empty()) throw ConfigError(out.option + ": empty path; name a directory");
    const std::string kind = file_kind(out.path);
    if (!kind.empty() && kind != "a directory")
      throw ConfigError(out.option + ": " + out.path + " is " + kind +
                        ", not a directory: choose another path");
    if (!kind.empty() && !fs::is_empty(out.path))
      throw ConfigError(out.option + ": " + out.path + " exists and is not empty; choose another");
    require_distinct(out, inputs, seen);
    require_writable_parent(out);
    seen.push_back(&out);
  }
}

}  // namespace codesign::util
