// Locks: a lock that names its holder refuses a second one with its pid; a waiting lock is
// bounded and says what it waits for.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "util/file_lock.hpp"
#include "util/json_reader.hpp"
#include "util/pid_lock.hpp"

namespace codesign::util {
namespace {

std::string lock_path(const std::string& name) {
  const std::string p = ::testing::TempDir() + "/locks_" + name;
  std::filesystem::remove(p);
  return p;
}

TEST(PidLock, ASecondHolderIsToldWhoHasIt) {
  const std::string path = lock_path("pid");
  {
    const PidLock first(path, "study.db: study");
    try {
      const PidLock second(path, "study.db: study");
      FAIL() << "a second holder got the lock";
    } catch (const ConfigError& e) {
      EXPECT_NE(
          std::string(e.what()).find("study.db: study in use by pid " + std::to_string(::getpid())),
          std::string::npos)
          << e.what();
    }
  }
  EXPECT_FALSE(std::filesystem::exists(path));  // released and removed
  // A lock file left by a process that died holds no lock.
  std::ofstream(path) << "999999\n";
  EXPECT_NO_THROW(PidLock(path, "x"));
  EXPECT_THROW(PidLock("/nonexistent-dir/x.lock", "x"), ConfigError);
}

TEST(FileLock, AHeldLockIsWaitedForAtMostTheLimit) {
  const std::string path = lock_path("wait");
  const FileLock holder(path);
  EXPECT_TRUE(holder.held());
  ::testing::internal::CaptureStderr();
  const auto t0 = std::chrono::steady_clock::now();
  const FileLock waiter(path, 0.3, "the build of 4x4");
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(waiter.held());
  EXPECT_GE(waited, 0.3);
  EXPECT_LT(waited, 3);
  EXPECT_NE(said.find("waiting for the build of 4x4 (locked by another process: " + path),
            std::string::npos)
      << said;
  EXPECT_THROW(FileLock("/nonexistent-dir/x.lock"), ConfigError);
}

}  // namespace
}  // namespace codesign::util
