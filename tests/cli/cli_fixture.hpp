// A fixture for end-to-end tests of the command line: a fresh directory per test, JSON
// files written into it, and programs run with their exit code and output captured.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "util/process.hpp"

namespace codesign::tests {

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           (std::string("cli_") + info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }

  std::string write(const std::string& name, const nlohmann::json& j) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << j.dump(1);
    return p;
  }

  // Runs argv (the program first) with a time limit.
  Outcome run(const std::vector<std::string>& argv, double timeout_s = 600) {
    const std::string log = (dir_ / "out.log").string();
    std::filesystem::remove(log);
    const auto r = util::run_process(argv, log, timeout_s);
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return {r.exit_code, s.str()};
  }

  // Runs the codesign executable with these arguments.
  Outcome codesign(std::vector<std::string> args, double timeout_s = 600) {
    args.insert(args.begin(), CODESIGN_EXE);
    return run(args, timeout_s);
  }

  std::filesystem::path dir_;
};

}  // namespace codesign::tests
