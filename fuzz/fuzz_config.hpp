// The harness shared by the fuzz targets: the fuzzer's bytes are a configuration file.
// A util::ConfigError is the expected answer to bad input, and its message must be safe to
// print (bounded, no control characters); anything else that escapes — another exception,
// a crash, a sanitizer report, a message that breaks the rule — is a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "util/json_reader.hpp"

namespace codesign::fuzz {

// Aborts (a finding) with `what` on stderr.
[[noreturn]] inline void finding(const char* what, const char* detail = "") {
  std::fprintf(stderr, "fuzz finding: %s %s\n", what, detail);
  std::abort();
}

inline void check_message(const char* message) {
  const std::size_t n = std::strlen(message);
  if (n > 2100) finding("error message longer than 2100 bytes");
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(message[i]);
    if (c < 0x20 || c == 0x7f) finding("control character in error message:", message);
  }
}

// Parses the bytes as the JSON of a file and hands the document to `load`.
template <typename Load>
int fuzz_config(const std::uint8_t* data, std::size_t size, Load&& load) {
  try {
    const nlohmann::json j =
        util::parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    load(j);
  } catch (const util::ConfigError& e) {
    check_message(e.what());
  }
  return 0;
}

}  // namespace codesign::fuzz
