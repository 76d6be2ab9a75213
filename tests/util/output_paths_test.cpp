// The output-path check: an output is never an input, another output, a special file, or
// in a directory that cannot take it.
#include "util/output_paths.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "util/json_reader.hpp"

namespace codesign::util {
namespace {

namespace fs = std::filesystem;

class OutputPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("output_paths_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(p("in.json")) << "{}";
  }
  std::string p(const std::string& name) const { return (dir_ / name).string(); }

  static std::string error_of(const std::vector<PathArg>& in, const std::vector<PathArg>& out,
                              const std::vector<PathArg>& dirs = {}) {
    try {
      check_output_paths(in, out, dirs);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(OutputPaths, AcceptsNewAndRegularFilesApartFromTheInputs) {
  std::ofstream(p("old.json")) << "x";
  EXPECT_EQ(error_of({{"--in", p("in.json")}, {"--none", ""}},
                     {{"--out", p("new.json")}, {"--csv", p("old.json")}}),
            "");
  // Relative paths are resolved like absolute ones.
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  EXPECT_NE(error_of({{"--in", "in.json"}}, {{"--out", p("in.json")}}), "");
  EXPECT_NE(error_of({{"--in", p("in.json")}}, {{"--out", "./sub/../in.json"}}), "");
  EXPECT_NE(error_of({}, {{"--out", "new.json"}, {"--csv", p("new.json")}}), "");
  fs::current_path(cwd);
}

TEST_F(OutputPaths, AnInputIsNeverAnOutputWhateverItsName) {
  fs::create_symlink(p("in.json"), p("link.json"));
  fs::create_hard_link(p("in.json"), p("hard.json"));
  for (const std::string& out : std::vector<std::string>{
           p("in.json"), p("hard.json"), p("../" + dir_.filename().string() + "/in.json")})
    EXPECT_NE(
        error_of({{"--hw", p("in.json")}}, {{"--out", out}}).find("is the input given by --hw"),
        std::string::npos)
        << out;
  EXPECT_NE(error_of({{"--hw", p("link.json")}}, {{"--out", p("in.json")}}), "");
}

TEST_F(OutputPaths, TwoOutputsNeverShareAFile) {
  EXPECT_NE(error_of({}, {{"--out", p("a")}, {"--csv", p("a")}})
                .find("--csv and --out name the same file"),
            std::string::npos);
  EXPECT_NE(error_of({}, {{"--out", p("a")}}, {{"--dir", p("a")}}), "");
}

TEST_F(OutputPaths, SpecialFilesAndEmptyPathsAreRefused) {
  fs::create_symlink(p("in.json"), p("link"));
  fs::create_directories(p("dir"));
  ASSERT_EQ(::mkfifo(p("fifo").c_str(), 0644), 0);
  EXPECT_NE(error_of({}, {{"--out", p("link")}}).find("is a symbolic link"), std::string::npos);
  EXPECT_NE(error_of({}, {{"--out", p("dir")}}).find("is a directory"), std::string::npos);
  EXPECT_NE(error_of({}, {{"--out", p("fifo")}}).find("is a FIFO"), std::string::npos);
  EXPECT_NE(error_of({}, {{"--out", "/dev/null"}}).find("is a device"), std::string::npos);
  EXPECT_EQ(error_of({}, {{"--out", ""}}), "--out: empty path; name a file");
  EXPECT_NE(error_of({}, {{"--out", p("missing/x")}}).find("does not exist"), std::string::npos);
  EXPECT_NE(error_of({}, {{"--out", p("in.json/x")}}).find("is not a directory"),
            std::string::npos);
}

TEST_F(OutputPaths, AnOutputDirectoryMustBeNewOrEmpty) {
  fs::create_directories(p("empty"));
  fs::create_directories(p("full/x"));
  EXPECT_EQ(error_of({}, {}, {{"--out", p("new")}, {"--out2", p("empty")}}), "");
  EXPECT_NE(error_of({}, {}, {{"--out", p("full")}}).find("exists and is not empty"),
            std::string::npos);
  EXPECT_NE(error_of({}, {}, {{"--out", p("in.json")}}).find("not a directory"), std::string::npos);
  EXPECT_EQ(file_kind(p("empty")), "a directory");
  EXPECT_EQ(file_kind(p("nothing")), "");
}

}  // namespace
}  // namespace codesign::util
