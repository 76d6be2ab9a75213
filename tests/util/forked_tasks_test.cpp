// Forked workers: answers come back whatever their size, and a task that throws, crashes,
// exits or hangs is a failed outcome with its reason while the other tasks go on.
#include "util/forked_tasks.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <stdexcept>
#include <thread>

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

TEST(ForkedTasks, RejectsZeroWorkers) {
  EXPECT_THROW(run_forked({}, 0, 0, [](std::size_t, const TaskOutcome&) {}), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::util
