// The local executor on real worker processes (tests/executor/test_worker.cpp): every job of
// a batch runs, at most `slots` at once; each way a job can end is reported with its reason
// and where it ran; time limits and cancel stop the worker's whole process group; workers die
// with their driver; a job with a result is never run again.
#include "executor/local_executor.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "executor/job_dir.hpp"
#include "temp_dir.hpp"

namespace codesign::executor {
namespace {

using Clock = std::chrono::steady_clock;

LocalOptions options(std::size_t slots, double time_limit_s = 0) {
  LocalOptions o;
  o.worker = {EXECUTOR_TEST_WORKER};
  o.slots = slots;
  o.time_limit_s = time_limit_s;
  o.kill_grace_s = 0.5;
  return o;
}

// Waits for every outstanding job; ends by job directory, each reported once.
std::map<std::string, JobEnd> wait_all(Executor& e) {
  std::map<std::string, JobEnd> ends;
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (e.outstanding() > 0 && Clock::now() < give_up)
    for (JobEnd& end : e.wait(1)) {
      EXPECT_EQ(ends.count(end.dir), 0u) << end.dir << " reported twice";
      ends[end.dir] = std::move(end);
    }
  EXPECT_EQ(e.outstanding(), 0u);
  return ends;
}

// A process is alive until it has exited (a zombie has).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return false;
  const auto paren = text.rfind(')');
  return paren != std::string::npos && text.size() > paren + 2 && text[paren + 2] != 'Z';
}

bool dies_within(pid_t pid, double seconds) {
  const auto give_up = Clock::now() + std::chrono::duration<double>(seconds);
  while (alive(pid)) {
    if (Clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

pid_t read_pid(const std::string& file) {
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  pid_t pid = 0;
  while (Clock::now() < give_up) {
    std::ifstream in(file);
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

TEST(LocalExecutor, RunsEveryJobAndSaysWhereItRan) {
  TempDir tmp;
  LocalExecutor e(options(3));
  std::vector<std::string> dirs;
  for (int i = 0; i < 7; ++i) {
    dirs.push_back(tmp / ("job-" + std::to_string(i)));
    write_job(dirs.back(), {{"echo", i}, {"sleep_s", 0.05 * (7 - i)}});
  }
  e.submit(dirs);
  EXPECT_EQ(e.outstanding(), 7u);
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    const JobEnd& end = ends.at(dirs[i]);
    EXPECT_EQ(end.kind, EndKind::done) << end.reason;
    EXPECT_FALSE(end.collected);
    EXPECT_EQ(end.where.executor, "local");
    EXPECT_EQ(end.where.host, host_name());
    const auto result = read_result(dirs[i]);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->output["echo"], i);
    EXPECT_EQ(end.where.job_id, std::to_string(result->output["pid"].get<int>()));
    EXPECT_GE(end.where.wall_s, 0.05 * (7 - i));
    EXPECT_GT(end.where.started, 0);
    EXPECT_DOUBLE_EQ(end.where.started, result->started);
  }
}

TEST(LocalExecutor, RunsAtMostSlotsJobsAtOnce) {
  TempDir tmp;
  LocalExecutor e(options(2));
  std::vector<std::string> dirs;
  for (int i = 0; i < 5; ++i) {
    dirs.push_back(tmp / ("job-" + std::to_string(i)));
    write_job(dirs.back(), {{"sleep_s", 0.3}});
  }
  e.submit(dirs);
  std::size_t started = 0;
  for (const auto& d : dirs) started += read_submission(d).has_value();
  EXPECT_EQ(started, 2u);  // the others wait for a free slot
  EXPECT_EQ(wait_all(e).size(), 5u);
}

TEST(LocalExecutor, AFailingJobEndsFailedWithItsReason) {
  TempDir tmp;
  LocalExecutor e(options(4));
  const std::string exits = tmp / "exits", dies = tmp / "dies", throws = tmp / "throws",
                    silent = tmp / "silent";
  write_job(exits, {{"say", "error: layer conv1 has no valid mapping"}, {"exit", 3}});
  write_job(dies, {{"signal", SIGKILL}});  // not SIGSEGV: ASan would catch it and exit 1
  write_job(throws, {{"throw", "the simulator could not be built"}});
  write_job(silent, {{"exit", 0}});
  e.submit({exits, dies, throws, silent});
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 4u);
  for (const auto& [dir, end] : ends) EXPECT_EQ(end.kind, EndKind::failed) << dir;
  EXPECT_EQ(ends.at(exits).reason,
            "worker exited with status 3: error: layer conv1 has no valid mapping");
  EXPECT_NE(ends.at(dies).reason.find("signal 9"), std::string::npos) << ends.at(dies).reason;
  EXPECT_NE(ends.at(throws).reason.find("the simulator could not be built"), std::string::npos)
      << ends.at(throws).reason;
  EXPECT_EQ(ends.at(silent).reason, "worker exited without writing result.json");
  for (const auto& [dir, end] : ends) EXPECT_FALSE(has_result(dir));
}

TEST(LocalExecutor, AJobOverItsTimeLimitIsStoppedWithEverythingItStarted) {
  TempDir tmp;
  LocalExecutor e(options(2, 0.5));
  const std::string slow = tmp / "slow", quick = tmp / "quick";
  write_job(slow, {{"child_pid_file", tmp / "child.pid"}, {"sleep_s", 30}});
  write_job(quick, {{"sleep_s", 0.1}});
  const auto t0 = Clock::now();
  e.submit({slow, quick});
  const pid_t child = read_pid(tmp / "child.pid");
  ASSERT_GT(child, 0);
  const auto ends = wait_all(e);
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - t0).count(), 10);
  EXPECT_EQ(ends.at(quick).kind, EndKind::done);
  EXPECT_EQ(ends.at(slow).kind, EndKind::timed_out);
  EXPECT_EQ(ends.at(slow).reason, "over the time limit of 0.5 s");
  EXPECT_GE(ends.at(slow).where.wall_s, 0.5);
  EXPECT_TRUE(dies_within(child, 5)) << "the worker's child outlived the time limit";
}

TEST(LocalExecutor, CancelStopsRunningAndQueuedJobs) {
  TempDir tmp;
  LocalExecutor e(options(1));
  const std::string running = tmp / "running", queued = tmp / "queued";
  write_job(running, {{"child_pid_file", tmp / "child.pid"}, {"sleep_s", 30}});
  write_job(queued, {{"count_file", tmp / "count"}});
  e.submit({running, queued});
  const pid_t child = read_pid(tmp / "child.pid");
  ASSERT_GT(child, 0);
  const auto t0 = Clock::now();
  e.cancel();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - t0).count(), 5);
  EXPECT_TRUE(dies_within(child, 5));
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_EQ(ends.at(running).kind, EndKind::cancelled);
  EXPECT_EQ(ends.at(running).reason, "cancelled by the driver");
  EXPECT_EQ(ends.at(queued).kind, EndKind::cancelled);
  EXPECT_FALSE(std::ifstream(tmp / "count")) << "a queued job started after cancel";
}

TEST(LocalExecutor, AJobWithAResultIsCollectedNotRunAgain) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {{"count_file", tmp / "count"}, {"echo", "first"}});
  {
    LocalExecutor e(options(1));
    e.submit({dir});
    ASSERT_EQ(wait_all(e).at(dir).kind, EndKind::done);
  }
  LocalExecutor again(options(1));
  again.submit({dir});
  const auto ends = wait_all(again);
  EXPECT_EQ(ends.at(dir).kind, EndKind::done);
  EXPECT_TRUE(ends.at(dir).collected);
  EXPECT_EQ(ends.at(dir).where.executor, "local");
  EXPECT_EQ(ends.at(dir).where.host, host_name());
  EXPECT_DOUBLE_EQ(ends.at(dir).where.started, read_result(dir)->started);
  std::ifstream count(tmp / "count");
  std::string line;
  int runs = 0;
  while (std::getline(count, line)) ++runs;
  EXPECT_EQ(runs, 1);
}

TEST(LocalExecutor, WorkersDieWithTheirDriver) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {{"sleep_s", 300}});
  // The driver: a child process that submits the job and is then killed outright.
  const pid_t driver = ::fork();
  ASSERT_GE(driver, 0);
  if (driver == 0) {
    LocalExecutor e(options(1));
    e.submit({dir});
    ::pause();
    ::_exit(0);
  }
  pid_t worker = 0;
  for (int i = 0; i < 1000 && !worker; ++i) {
    if (const auto s = read_submission(dir)) worker = std::stoi(s->job_id);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT(worker, 0);
  EXPECT_TRUE(alive(worker));
  ::kill(driver, SIGKILL);
  ::waitpid(driver, nullptr, 0);
  EXPECT_TRUE(dies_within(worker, 5)) << "a worker outlived its driver";
}

TEST(LocalExecutor, RejectsAnEmptyWorkerOrNoSlots) {
  EXPECT_THROW(LocalExecutor(LocalOptions{}), std::invalid_argument);
  EXPECT_THROW(LocalExecutor(options(0)), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::executor
