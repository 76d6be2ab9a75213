// Temporary directories go when their owner goes, and those of a killed owner are removed
// by the next one.
#include "util/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace codesign::util {
namespace {

namespace fs = std::filesystem;

TEST(TempDir, IsRemovedWithItsContentsUnlessKept) {
  std::string path;
  {
    const TempDir t("codesign-test");
    path = t.path();
    EXPECT_NE(path.find("codesign-test-" + std::to_string(::getpid()) + "-"), std::string::npos);
    std::ofstream(path + "/file") << "x";
    fs::create_directories(path + "/sub/deeper");
  }
  EXPECT_FALSE(fs::exists(path));
  {
    TempDir t("codesign-test");
    t.keep();
    path = t.path();
  }
  EXPECT_TRUE(fs::exists(path));
  fs::remove_all(path);
}

TEST(TempDir, DirectoriesOfDeadOwnersAreRemovedByTheNextOne) {
  const std::string parent = ::testing::TempDir() + "/temp_dir_reap";
  fs::remove_all(parent);
  fs::create_directories(parent);
  const pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  const std::string orphan = parent + "/codesign-test-" + std::to_string(dead) + "-abc123";
  const std::string alive = parent + "/codesign-test-" + std::to_string(::getpid()) + "-def456";
  const std::string other = parent + "/codesign-other-" + std::to_string(dead) + "-ghi789";
  for (const auto& d : {orphan, alive, other}) fs::create_directories(d + "/x");
  remove_orphaned_temp_dirs(parent, "codesign-test");
  EXPECT_FALSE(fs::exists(orphan));
  EXPECT_TRUE(fs::exists(alive));
  EXPECT_TRUE(fs::exists(other));
}

}  // namespace
}  // namespace codesign::util
