#include "util/source_revision.hpp"

#include <cstdio>

namespace codesign::util {

namespace {

std::string output_of(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string git_revision(const std::string& dir, const std::string& path) {
  const std::string git = "git -C '" + dir + "' ";
  const std::string scope = path.empty() ? "" : " -- '" + path + "'";
  const std::string rev = output_of(
      git + (path.empty() ? "rev-parse HEAD" : "log -1 --format=%H" + scope) + " 2>/dev/null");
  if (rev.empty()) return "unknown";
  const bool dirty = !output_of(git + "status --porcelain" + scope + " 2>/dev/null").empty();
  return rev + (dirty ? "+dirty" : "");
}

}  // namespace codesign::util
