// Which sources a result came from: the git revision of a source tree, or of one folder in it
// (the last commit that touched it), marked "+dirty" when it has uncommitted changes.
#pragma once

#include <string>

namespace codesign::util {

// `git rev-parse HEAD` of the tree at `dir` ("unknown" outside a git checkout). With `path`
// (relative to `dir`, e.g. "rtl"), the last commit that changed that path instead.
std::string git_revision(const std::string& dir, const std::string& path = "");

}  // namespace codesign::util
