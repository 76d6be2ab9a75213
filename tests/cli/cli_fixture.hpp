// A fixture for end-to-end tests of the command line: a fresh directory per test, JSON
// files written into it, and programs run with their exit code and output captured, or
// started in the background to be signalled, with every process they start traceable.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
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
    mark_ = std::to_string(::getpid()) + "-" + dir_.filename().string();
  }

  // Nothing a test started outlives it, whatever its assertions did.
  void TearDown() override {
    for (const pid_t pid : marked_processes()) ::kill(pid, SIGKILL);
  }

  // The inputs most tests share: a 4x4 array with small buffers; a convolution and an FC;
  // a design space of 2-4 x 2-4 arrays with 1-4 KiB buffers, 8 KiB in all.
  static nlohmann::json small_hw() {
    return {{"name", "cli-4x4"},
            {"rows", 4},
            {"cols", 4},
            {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"weight_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
  }
  static nlohmann::json tiny_workload() {
    return {{"name", "tiny"},
            {"layers",
             {{{"name", "conv"},
               {"type", "conv2d"},
               {"c", 6},
               {"h", 8},
               {"w", 8},
               {"k", 8},
               {"r", 3},
               {"s", 3},
               {"padding", 1}},
              {{"name", "fc"}, {"type", "fc"}, {"in", 40}, {"out", 10}}}}};
  }
  static nlohmann::json tiny_space() {
    return {{"name", "tiny"},
            {"rows", {{"min", 2}, {"max", 4}}},
            {"cols", {{"min", 2}, {"max", 4}}},
            {"input_buffer_kib", {{"min", 1}, {"max", 4}}},
            {"weight_buffer_kib", {{"min", 1}, {"max", 4}}},
            {"accumulator_buffer_kib", {{"min", 1}, {"max", 4}}},
            {"fixed", {{"dram", {{"bytes_per_cycle", 8}, {"latency_cycles", 20}}}}},
            {"budgets", {{"onchip_kib", 8}}}};
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

  std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Starts codesign with these arguments in the background, its output to `log`, with its
  // temporary files under <test dir>/tmp and a mark in its environment that every process
  // it starts inherits (see marked_processes). Returns its pid.
  pid_t start(const std::vector<std::string>& args, const std::string& log) {
    std::filesystem::create_directories(tmp_dir());
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::vector<std::string> a = {CODESIGN_EXE};
      a.insert(a.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& s : a) argv.push_back(s.data());
      argv.push_back(nullptr);
      ::setenv("TMPDIR", tmp_dir().c_str(), 1);
      ::setenv("CODESIGN_TEST_MARK", mark().c_str(), 1);
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    return pid;
  }

  // The exit code of a process started by start(), 128 + N if signal N ended it; -1 if it
  // is still running after `timeout_s` (it is then killed).
  static int wait_exit(pid_t pid, double timeout_s) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > end) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // Live processes (zombies excluded) started by start() in this test, at any depth.
  std::vector<pid_t> marked_processes() {
    std::vector<pid_t> out;
    const std::string needle = "CODESIGN_TEST_MARK=" + mark();
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      const std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      const std::string environ = read(entry.path().string() + "/environ");
      if (environ.find(needle + '\0') == std::string::npos) continue;
      const std::string stat = read(entry.path().string() + "/stat");
      const auto close = stat.rfind(')');
      if (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z') continue;
      out.push_back(std::stoi(name));
    }
    return out;
  }

  // Waits up to `timeout_s` for every marked process to end; returns those still alive.
  std::vector<pid_t> survivors(double timeout_s) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    for (;;) {
      auto alive = marked_processes();
      if (alive.empty() || std::chrono::steady_clock::now() > end) return alive;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  std::string tmp_dir() const { return (dir_ / "tmp").string(); }
  const std::string& mark() const { return mark_; }

  std::filesystem::path dir_;
  std::string mark_;
};

}  // namespace codesign::tests
