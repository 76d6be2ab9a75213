// Small text-file helpers shared by the tools that run child processes and read their logs.
#pragma once

#include <cstddef>
#include <string>

namespace codesign::util {

// The whole file; throws std::runtime_error naming it if it cannot be read.
std::string read_text_file(const std::string& path);
// The last `lines` lines of a file ("" if it cannot be read), for error messages.
std::string tail_lines(const std::string& path, std::size_t lines);

}  // namespace codesign::util
