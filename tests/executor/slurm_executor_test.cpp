// The Slurm executor against a real single-node cluster (slurmctld, slurmd, munged started by
// scripts/slurm_local.sh): a batch is one job array; a task cancelled with scancel, one over
// its time limit and a failing one end with their reasons; cancel() leaves nothing in
// squeue; a driver that dies and comes back follows its tasks instead of running them twice.
#include "executor/slurm_executor.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "executor/command.hpp"
#include "executor/job_dir.hpp"
#include "slurm_cluster.hpp"
#include "temp_dir.hpp"

namespace codesign::executor {
namespace {

using Clock = std::chrono::steady_clock;

SlurmCluster* cluster = nullptr;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    cluster_ = std::make_unique<SlurmCluster>(4);
    cluster = cluster_.get();
  }
  void TearDown() override { cluster_.reset(); }

 private:
  std::unique_ptr<SlurmCluster> cluster_;
};

SlurmOptions options(const TempDir& tmp, double time_limit_s = 0) {
  SlurmOptions o;
  o.worker = {EXECUTOR_TEST_WORKER};
  o.script_dir = tmp / "slurm";
  o.slots = 4;
  o.time_limit_s = time_limit_s;
  o.poll_interval_s = 0.2;
  return o;
}

std::map<std::string, JobEnd> wait_all(Executor& e, double limit_s = 120) {
  std::map<std::string, JobEnd> ends;
  const auto give_up = Clock::now() + std::chrono::duration<double>(limit_s);
  while (e.outstanding() > 0 && Clock::now() < give_up)
    for (JobEnd& end : e.wait(1)) {
      EXPECT_EQ(ends.count(end.dir), 0u) << end.dir << " reported twice";
      ends[end.dir] = std::move(end);
    }
  EXPECT_EQ(e.outstanding(), 0u);
  return ends;
}

int runs(const std::string& count_file) {
  std::ifstream in(count_file);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

// Waits until the job has started (its count file has a line).
void wait_started(const std::string& count_file) {
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (runs(count_file) == 0 && Clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GT(runs(count_file), 0) << "the job never started";
}

std::string squeue() { return run_command({"squeue", "-h", "-o", "%i %T"}, 30).output; }

TEST(SlurmExecutor, ABatchIsOneJobArrayAndEveryTaskRuns) {
  TempDir tmp;
  SlurmExecutor e(options(tmp));  // 4 slots: a batch of 4 goes out whole
  std::vector<std::string> dirs;
  for (int i = 0; i < 4; ++i) {
    dirs.push_back(tmp / ("job-" + std::to_string(i)));
    write_job(dirs.back(), {{"echo", i}, {"sleep_s", 0.2}});
  }
  e.submit(dirs);
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 4u);
  std::set<std::string> arrays;
  for (int i = 0; i < 4; ++i) {
    const JobEnd& end = ends.at(dirs[i]);
    EXPECT_EQ(end.kind, EndKind::done) << end.reason;
    EXPECT_EQ(end.where.executor, "slurm");
    EXPECT_EQ(end.where.host, "localhost");
    const auto underscore = end.where.job_id.find('_');
    ASSERT_NE(underscore, std::string::npos) << end.where.job_id;
    arrays.insert(end.where.job_id.substr(0, underscore));
    EXPECT_EQ(end.where.job_id.substr(underscore + 1), std::to_string(i));
    EXPECT_GE(end.where.wall_s, 0.2);
    EXPECT_EQ(read_result(dirs[i])->output["echo"], i);
  }
  EXPECT_EQ(arrays.size(), 1u) << "a batch must be one job array";
}

TEST(SlurmExecutor, NoMoreTasksAtOnceThanSlotsWhateverTheBatches) {
  TempDir tmp;
  SlurmOptions o = options(tmp);
  o.slots = 2;
  SlurmExecutor e(o);
  // Three batches of two: the second and third wait in the driver until tasks end.
  std::vector<std::string> dirs;
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<std::string> these;
    for (int i = 0; i < 2; ++i) {
      these.push_back(tmp / ("job-" + std::to_string(batch) + "-" + std::to_string(i)));
      write_job(these.back(), {{"sleep_s", 1.0}});
    }
    e.submit(these);
    dirs.insert(dirs.end(), these.begin(), these.end());
  }
  EXPECT_EQ(e.outstanding(), 6u);
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 6u);
  std::vector<std::pair<double, int>> edges;  // (time, +1 at a start, -1 at an end)
  for (const std::string& d : dirs) {
    EXPECT_EQ(ends.at(d).kind, EndKind::done) << ends.at(d).reason;
    const auto r = read_result(d);
    ASSERT_TRUE(r);
    edges.push_back({r->started, +1});
    edges.push_back({r->started + r->wall_s, -1});
  }
  std::sort(edges.begin(), edges.end());  // an end sorts before a start at the same time
  int running = 0, most = 0;
  for (const auto& [at, step] : edges) most = std::max(most, running += step);
  EXPECT_EQ(most, 2);
}

TEST(SlurmExecutor, AFailingTaskEndsFailedWithItsReason) {
  TempDir tmp;
  SlurmExecutor e(options(tmp));
  const std::string dir = tmp / "job";
  write_job(dir, {{"say", "error: no valid mapping for fc1"}, {"exit", 3}});
  e.submit({dir});
  const JobEnd end = wait_all(e).at(dir);
  EXPECT_EQ(end.kind, EndKind::failed);
  EXPECT_EQ(end.reason, "worker exited with status 3 (FAILED): error: no valid mapping for fc1");
}

TEST(SlurmExecutor, ATaskCancelledWithScancelEndsCancelledFromOutside) {
  TempDir tmp;
  SlurmExecutor e(options(tmp));
  const std::string dir = tmp / "job";
  write_job(dir, {{"count_file", tmp / "count"}, {"sleep_s", 300}});
  e.submit({dir});
  wait_started(tmp / "count");
  const auto id = read_submission(dir)->job_id;
  ASSERT_EQ(run_command({"scancel", id}, 30).exit_code, 0);
  const JobEnd end = wait_all(e).at(dir);
  EXPECT_EQ(end.kind, EndKind::cancelled);
  EXPECT_NE(end.reason.find("outside the study"), std::string::npos) << end.reason;
  EXPECT_EQ(end.where.job_id, id);
}

TEST(SlurmExecutor, ATaskOverItsTimeLimitIsStoppedByTheWatchdog) {
  TempDir tmp;
  SlurmExecutor e(options(tmp, 2));
  const std::string slow = tmp / "slow", quick = tmp / "quick";
  write_job(slow, {{"sleep_s", 300}});
  write_job(quick, {{"sleep_s", 0.1}});
  const auto t0 = Clock::now();
  e.submit({slow, quick});
  const auto ends = wait_all(e);
  // Slurm alone would take up to ~30 s more to enforce --time.
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - t0).count(), 20);
  EXPECT_EQ(ends.at(quick).kind, EndKind::done);
  EXPECT_EQ(ends.at(slow).kind, EndKind::timed_out);
  EXPECT_EQ(ends.at(slow).reason, "over the time limit of 2 s (stopped by the driver's watchdog)");
  EXPECT_EQ(squeue(), "");
}

TEST(SlurmExecutor, CancelLeavesNothingInTheQueue) {
  TempDir tmp;
  SlurmOptions o = options(tmp);
  o.slots = 2;
  SlurmExecutor e(o);
  std::vector<std::string> dirs;
  for (int i = 0; i < 5; ++i) {
    dirs.push_back(tmp / ("job-" + std::to_string(i)));
    write_job(dirs.back(), {{"count_file", tmp / "count"}, {"sleep_s", 300}});
  }
  e.submit(dirs);
  wait_started(tmp / "count");
  EXPECT_NE(squeue(), "");
  e.cancel();
  EXPECT_EQ(squeue(), "") << "jobs of the study are still queued or running";
  const auto ends = wait_all(e);
  ASSERT_EQ(ends.size(), 5u);
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    const std::string& d = dirs[i];
    EXPECT_EQ(ends.at(d).kind, EndKind::cancelled);
    // Two slots: two tasks went to Slurm; the other three were still held by the driver.
    EXPECT_EQ(ends.at(d).reason, i < 2 ? "cancelled by the driver" : "cancelled before it started");
    EXPECT_FALSE(read_submission(d)) << "a cancelled job keeps its submission: " << d;
  }
}

TEST(SlurmExecutor, ADriverThatDiesAndComesBackFollowsItsTasks) {
  TempDir tmp;
  const std::string running = tmp / "running", finished = tmp / "finished";
  write_job(running, {{"count_file", tmp / "running.count"}, {"sleep_s", 3}});
  write_job(finished, {{"count_file", tmp / "finished.count"}});
  // The first driver submits both, then is killed outright while `running` runs.
  const pid_t driver = ::fork();
  ASSERT_GE(driver, 0);
  if (driver == 0) {
    SlurmExecutor e(options(tmp));
    e.submit({running, finished});
    ::pause();
    ::_exit(0);
  }
  wait_started(tmp / "running.count");
  ::kill(driver, SIGKILL);
  ::waitpid(driver, nullptr, 0);
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (!has_result(finished) && Clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(has_result(finished));
  EXPECT_FALSE(has_result(running));

  SlurmExecutor again(options(tmp));
  again.submit({running, finished});
  const auto ends = wait_all(again);
  EXPECT_EQ(ends.at(finished).kind, EndKind::done);
  EXPECT_TRUE(ends.at(finished).collected);
  EXPECT_EQ(ends.at(running).kind, EndKind::done) << ends.at(running).reason;
  EXPECT_FALSE(ends.at(running).collected);
  EXPECT_EQ(runs(tmp / "running.count"), 1) << "a followed task ran again";
  EXPECT_EQ(runs(tmp / "finished.count"), 1) << "a finished task ran again";
}

TEST(SlurmExecutor, ATaskSlurmHasForgottenRunsAgain) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {{"count_file", tmp / "count"}});
  write_submission(dir, {"slurm", "999999_0"});
  SlurmExecutor e(options(tmp));
  e.submit({dir});
  EXPECT_EQ(wait_all(e).at(dir).kind, EndKind::done);
  EXPECT_EQ(runs(tmp / "count"), 1);
  EXPECT_NE(read_submission(dir)->job_id, "999999_0");
}

TEST(SlurmExecutor, AnUnknownPartitionIsRefused) {
  TempDir tmp;
  SlurmOptions o = options(tmp);
  o.partition = "no-such-partition";
  try {
    SlurmExecutor e(o);
    FAIL() << "an unknown partition was accepted";
  } catch (const std::invalid_argument& err) {
    EXPECT_NE(std::string(err.what()).find("no-such-partition"), std::string::npos);
  }
}

}  // namespace
}  // namespace codesign::executor

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new codesign::executor::ClusterEnvironment);
  return RUN_ALL_TESTS();
}
