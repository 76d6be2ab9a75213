// Writing output files so that readers never see half of one: write a temporary file
// beside the target, then rename it into place.
#pragma once

#include <string>

namespace codesign::util {

// Throws std::runtime_error naming the file if it cannot be written.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace codesign::util
