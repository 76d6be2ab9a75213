// A study file path in the test's temporary directory, with no study (or its WAL and lock
// files) left from an earlier run.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace codesign::tests {

inline std::string fresh_study_path(const std::string& name) {
  const std::string p = ::testing::TempDir() + "/" + name;
  for (const char* ext : {"", "-wal", "-shm", "-lock"}) std::filesystem::remove(p + ext);
  return p;
}

}  // namespace codesign::tests
