#include "store/study_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

using codesign::store::StudyStore;
using codesign::store::Trial;

namespace {

std::string fresh(const std::string& name) {
  const std::string p = ::testing::TempDir() + "/" + name;
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(p + ext);
  return p;
}

Trial trial(double objective, bool feasible, const std::string& fidelity = "model") {
  Trial t;
  t.algorithm = "bo";
  t.fidelity = fidelity;
  t.status = feasible ? "ok" : "infeasible";
  t.feasible = feasible;
  t.objective = objective;
  t.params = {{"rows", 16}, {"x", objective}};
  t.result = {{"cycles", 100}};
  return t;
}

}  // namespace

TEST(StudyStore, StoresAndReopensTrials) {
  const std::string path = fresh("study_reopen.db");
  {
    StudyStore s(path);
    s.set_meta("seed", "7");
    EXPECT_EQ(s.add(trial(3.0, true)), 1);
    EXPECT_EQ(s.add(trial(1.0, false)), 2);
    EXPECT_EQ(s.add(trial(2.0, true)), 3);
  }
  StudyStore s(path);
  EXPECT_EQ(s.count(), 3);
  EXPECT_EQ(s.meta("seed"), "7");
  EXPECT_FALSE(s.meta("absent").has_value());
  const auto all = s.trials();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].status, "infeasible");
  EXPECT_EQ(all[2].params["x"], 2.0);
  EXPECT_EQ(s.best()->id, 3);  // the infeasible 1.0 does not count
  EXPECT_FALSE(s.best("rtl").has_value());
  EXPECT_EQ(s.get(2)->objective, 1.0);
}

TEST(StudyStore, KillNineLosesNoCompletedTrial) {
  const std::string path = fresh("study_kill.db");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    StudyStore s(path);
    for (int i = 0;; ++i) {
      s.add(trial(i, true));
      const std::int64_t done = i + 1;  // report only after the commit returned
      if (::write(fds[1], &done, sizeof done) != sizeof done) ::_exit(1);
    }
  }
  ::close(fds[1]);
  std::int64_t acknowledged = 0, v = 0;
  while (acknowledged < 200 && ::read(fds[0], &v, sizeof v) == sizeof v) acknowledged = v;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  while (::read(fds[0], &v, sizeof v) == sizeof v) acknowledged = v;
  ::close(fds[0]);
  StudyStore s(path);
  EXPECT_GE(s.count(), acknowledged);
  const auto all = s.trials();
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].objective, double(i));
}

TEST(StudyStore, UnwritableLocationIsAClearError) {
  try {
    StudyStore s("/nonexistent-dir/study.db");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/study.db"), std::string::npos);
  }
}
