// Forked workers: answers come back whatever their size, and a task that throws, crashes,
// exits or hangs is a failed outcome with its reason while the other tasks go on.
#include "util/forked_tasks.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

#include "util/json_reader.hpp"

namespace codesign::util {
namespace {

std::map<std::size_t, TaskOutcome> run_all(const std::vector<Task>& tasks, std::size_t workers,
                                           double timeout_s = 0) {
  std::map<std::size_t, TaskOutcome> out;
  run_forked(tasks, workers, timeout_s, [&](std::size_t i, const TaskOutcome& o) {
    EXPECT_EQ(out.count(i), 0u) << "task " << i << " reported twice";
    out[i] = o;
  });
  return out;
}

TEST(ForkedTasks, ReturnsEveryAnswerWhateverItsSize) {
  std::vector<Task> tasks;
  for (int i = 0; i < 7; ++i)
    tasks.push_back([i] { return std::string(static_cast<std::size_t>(i) * 300000, 'a' + i); });
  const auto out = run_all(tasks, 3);
  ASSERT_EQ(out.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_TRUE(out.at(i).ok) << out.at(i).reason;
    EXPECT_EQ(out.at(i).output, std::string(i * 300000, static_cast<char>('a' + i)));
  }
}

TEST(ForkedTasks, ChildrenSeeTheCallersStateAtTheFork) {
  int value = 41;
  const std::vector<Task> tasks = {[&value] { return std::to_string(++value); }};
  value = 42;
  const auto out = run_all(tasks, 1);
  EXPECT_EQ(out.at(0).output, "43");
  EXPECT_EQ(value, 42);  // the child's change stays in the child
}

TEST(ForkedTasks, FailuresAreOutcomesWithReasonsAndTheRestGoOn) {
  const std::vector<Task> tasks = {
      [] { return std::string("fine"); },
      []() -> std::string { throw std::runtime_error("no valid mapping"); },
      []() -> std::string { std::abort(); },
      []() -> std::string { ::_exit(3); },
      [] { return std::string(); },
      []() -> std::string {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        return "late";
      },
      [] { return std::string("also fine"); },
  };
  const auto out = run_all(tasks, 2, 1.0);
  ASSERT_EQ(out.size(), tasks.size());
  EXPECT_TRUE(out.at(0).ok);
  EXPECT_EQ(out.at(1).reason, "no valid mapping");
  EXPECT_NE(out.at(2).reason.find("worker crashed: signal 6"), std::string::npos)
      << out.at(2).reason;
  EXPECT_EQ(out.at(3).reason, "worker exited with status 3");
  EXPECT_TRUE(out.at(4).ok);  // an empty answer is still an answer
  EXPECT_EQ(out.at(4).output, "");
  EXPECT_TRUE(out.at(5).timed_out);
  EXPECT_NE(out.at(5).reason.find("time limit of 1 s"), std::string::npos) << out.at(5).reason;
  EXPECT_LT(out.at(5).wall_s, 10);
  EXPECT_TRUE(out.at(6).ok);
  for (std::size_t i = 1; i < 6; ++i)
    if (i != 4) {
      EXPECT_FALSE(out.at(i).ok) << i;
    }
}

TEST(ForkedTasks, BadInputIsToldApartFromAFailure) {
  const std::vector<Task> tasks = {
      []() -> std::string { throw ConfigError("cache: not writable"); },
      []() -> std::string { throw std::runtime_error("simulator crashed"); }};
  const auto out = run_all(tasks, 2);
  EXPECT_TRUE(out.at(0).bad_input);
  EXPECT_EQ(out.at(0).reason, "cache: not writable");
  EXPECT_FALSE(out.at(1).bad_input);
}

TEST(ForkedTasks, TheDeadlineEndsTheCallAndReportsOnlyFinishedTasks) {
  const std::vector<Task> tasks = {[] { return std::string("quick"); },
                                   []() -> std::string {
                                     std::this_thread::sleep_for(std::chrono::seconds(30));
                                     return "late";
                                   },
                                   [] { return std::string("never started"); }};
  std::map<std::size_t, TaskOutcome> out;
  const auto t0 = std::chrono::steady_clock::now();
  const bool complete = run_forked(
      tasks, 1, 0, [&](std::size_t i, const TaskOutcome& o) { out[i] = o; }, 0.5);
  EXPECT_FALSE(complete);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.at(0).output, "quick");
  EXPECT_TRUE(run_forked(
      {tasks[0]}, 1, 0, [](std::size_t, const TaskOutcome&) {}, 10));
}

TEST(ForkedTasks, WorkersDieWithTheirCaller) {
  const std::string pid_file = ::testing::TempDir() + "/forked_worker_pid";
  std::remove(pid_file.c_str());
  const pid_t caller = ::fork();
  if (caller == 0) {
    run_forked({[&]() -> std::string {
                 std::ofstream(pid_file) << ::getpid();
                 std::this_thread::sleep_for(std::chrono::seconds(60));
                 return "";
               }},
               1, 0, [](std::size_t, const TaskOutcome&) {});
    ::_exit(0);
  }
  pid_t worker = 0;
  for (int i = 0; i < 500 && worker == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::ifstream(pid_file) >> worker;
  }
  ASSERT_GT(worker, 0);
  ::kill(caller, SIGKILL);
  ::waitpid(caller, nullptr, 0);
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(worker) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    gone = line.empty() || (close != std::string::npos && line[close + 2] == 'Z');
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone) << "worker " << worker << " outlived its caller";
}

TEST(ForkedTasks, RejectsZeroWorkers) {
  EXPECT_THROW(run_forked({}, 0, 0, [](std::size_t, const TaskOutcome&) {}), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::util
