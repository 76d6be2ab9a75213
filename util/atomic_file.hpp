// Writing output files so that readers never see half of one, and a failed command leaves
// none of them: each file is written to a temporary file beside its target and renamed into
// place only when every file of the set is written. Only regular files are ever replaced.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace codesign::util {

// Throws ConfigError naming the file if it cannot be written (no space, no permission) or
// if its path holds something other than a regular file (a symlink, FIFO, device or
// directory is never replaced). An existing file keeps its permissions.
void write_file_atomic(const std::string& path, const std::string& content);

// (path, content) pairs: all written, or (on failure) none of them touched.
void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace codesign::util
