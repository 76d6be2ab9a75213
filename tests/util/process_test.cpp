// Child processes never outlive their parent: the whole process group (grandchildren too)
// dies at the time limit, on an interruption, and when the parent is killed with kill -9.
#include "util/process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "util/interrupt.hpp"

namespace codesign::util {
namespace {

std::string scratch(const std::string& name) {
  const std::string p = ::testing::TempDir() + "/process_" + name;
  std::filesystem::remove(p);
  return p;
}

// The pid a shell wrote to `file`, once it has.
pid_t pid_in(const std::string& file) {
  for (int i = 0; i < 500; ++i) {
    std::ifstream in(file);
    pid_t pid = 0;
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

bool gone_within(pid_t pid, double seconds) {
  for (int i = 0; i < seconds * 100; ++i) {
    if (::kill(pid, 0) != 0) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z')
      return true;  // dead, waiting for its new parent to reap it
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// A shell that starts a long grandchild, writes its pid, and waits for it.
std::vector<std::string> shell_with_grandchild(const std::string& pid_file) {
  return {"/bin/sh", "-c", "sleep 1000 & echo $! > '" + pid_file + "'; wait"};
}

TEST(Process, ReportsTheExitCodeAndTheSignal) {
  EXPECT_EQ(run_process({"/bin/sh", "-c", "exit 7"}, "", 0).exit_code, 7);
  const ProcessResult r = run_process({"/bin/sh", "-c", "kill -SEGV $$"}, "", 0);
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_FALSE(r.timed_out);
  const std::string log = scratch("log");
  EXPECT_EQ(run_process({"/bin/sh", "-c", "echo out; echo err >&2"}, log, 0).exit_code, 0);
  std::ifstream in(log);
  std::string a, b;
  in >> a >> b;
  EXPECT_EQ(a + b, "outerr");
  EXPECT_EQ(run_process({"/nonexistent/program"}, "", 0).exit_code, 127);
}

TEST(Process, TheTimeLimitKillsTheWholeGroup) {
  const std::string pid_file = scratch("timeout_pid");
  const auto t0 = std::chrono::steady_clock::now();
  const ProcessResult r = run_process(shell_with_grandchild(pid_file), "", 0.5);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5);
  const pid_t grandchild = pid_in(pid_file);
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(gone_within(grandchild, 2));
}

TEST(Process, AGrandchildDiesWhenItsParentIsKilledWithKillNine) {
  const std::string pid_file = scratch("orphan_pid");
  const pid_t parent = ::fork();
  if (parent == 0) {
    run_process(shell_with_grandchild(pid_file), "", 0);
    ::_exit(0);
  }
  const pid_t grandchild = pid_in(pid_file);
  ASSERT_GT(grandchild, 0);
  ::kill(parent, SIGKILL);
  ::waitpid(parent, nullptr, 0);
  EXPECT_TRUE(gone_within(grandchild, 5));
}

TEST(Process, AnInterruptionKillsTheGroupAndThrows) {
  // In a child process: the interrupt flag is process-wide and stays set.
  const std::string pid_file = scratch("interrupt_pid");
  const pid_t tester = ::fork();
  if (tester == 0) {
    install_interrupt_handlers();
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      ::kill(::getpid(), SIGTERM);
    }).detach();
    try {
      run_process(shell_with_grandchild(pid_file), "", 0);
    } catch (const Interrupted& e) {
      ::_exit(e.exit_code() == 128 + SIGTERM ? 0 : 2);
    }
    ::_exit(3);
  }
  int status = 0;
  ::waitpid(tester, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const pid_t grandchild = pid_in(pid_file);
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(gone_within(grandchild, 2));
}

}  // namespace
}  // namespace codesign::util
