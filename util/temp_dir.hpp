// A private temporary directory, removed with its contents on every exit path that unwinds
// (return, exception, util::Interrupted). Its name carries the owner's pid, so that one left
// behind by a process that could not clean up (kill -9) is removed by the next process that
// creates a directory of the same kind.
#pragma once

#include <string>

namespace codesign::util {

class TempDir {
 public:
  // Creates $TMPDIR/<kind>-<pid>-XXXXXX (/tmp without TMPDIR), first removing every
  // <kind>-<pid>-* whose process no longer exists. Throws std::runtime_error on failure.
  explicit TempDir(const std::string& kind);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Leaves the directory on disk (for inspection) instead of removing it.
  void keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

// Removes the directories of `kind` in `parent` whose owning process has ended.
void remove_orphaned_temp_dirs(const std::string& parent, const std::string& kind);

}  // namespace codesign::util
