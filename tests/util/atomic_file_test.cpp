// Atomic output files: a set is written whole or not at all, only regular files are
// replaced, and a replaced file keeps its permissions.
#include "util/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/json_reader.hpp"

namespace codesign::util {
namespace {

namespace fs = std::filesystem;

std::string scratch_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "/atomic_" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string content(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFile, ReplacesARegularFileKeepingItsPermissions) {
  const std::string d = scratch_dir("replace"), f = d + "/f.txt";
  write_file_atomic(f, "one");
  EXPECT_EQ(content(f), "one");
  ::chmod(f.c_str(), 0600);
  write_file_atomic(f, "two");
  EXPECT_EQ(content(f), "two");
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(std::distance(fs::directory_iterator(d), {}), 1);  // no temporary left
}

TEST(AtomicFile, NeverReplacesASymlinkFifoOrDirectory) {
  const std::string d = scratch_dir("special");
  write_file_atomic(d + "/target", "keep");
  fs::create_symlink(d + "/target", d + "/link");
  fs::create_directories(d + "/dir");
  ASSERT_EQ(::mkfifo((d + "/fifo").c_str(), 0644), 0);
  for (const char* name : {"/link", "/dir", "/fifo"})
    EXPECT_THROW(write_file_atomic(d + name, "x"), ConfigError) << name;
  EXPECT_TRUE(fs::is_symlink(d + "/link"));
  EXPECT_EQ(content(d + "/target"), "keep");
}

TEST(AtomicFile, ASetIsWrittenWholeOrNotAtAll) {
  const std::string d = scratch_dir("set");
  write_file_atomic(d + "/a", "old");
  try {
    write_files_atomic({{d + "/a", "new"}, {d + "/b", "b"}, {d + "/missing/c", "c"}});
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(d + "/missing/c: cannot write"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(content(d + "/a"), "old");
  EXPECT_FALSE(fs::exists(d + "/b"));
  EXPECT_EQ(std::distance(fs::directory_iterator(d), {}), 1);
  write_files_atomic({{d + "/a", "new"}, {d + "/b", "b"}});
  EXPECT_EQ(content(d + "/a") + content(d + "/b"), "newb");
}

}  // namespace
}  // namespace codesign::util
