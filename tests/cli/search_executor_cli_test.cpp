// `codesign search` with its evaluations as jobs, end to end against a real single-node
// Slurm cluster (started and stopped by this program: scripts/slurm_local.sh): the same seed
// and batch store the same trials as the local executor; a task cancelled with scancel and
// one over its time limit are failed trials with their reasons; a driver killed with -9 while
// its jobs run, resumed, loses no trial and runs no finished job again; Ctrl-C leaves no job
// of the study in squeue; and --fidelity rtl measures every trial of DQN over the edge space
// on the RTL, locally and on Slurm, every output checked.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "cli_fixture.hpp"
#include "executor/command.hpp"
#include "executor/job_dir.hpp"
#include "store/study_store.hpp"
#include "tests/executor/slurm_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::executor::run_command;
using codesign::store::StudyStore;
using nlohmann::json;
using Access = StudyStore::Access;
using Clock = std::chrono::steady_clock;

codesign::executor::SlurmCluster* cluster = nullptr;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    cluster_ = std::make_unique<codesign::executor::SlurmCluster>(4);
    cluster = cluster_.get();
  }
  void TearDown() override { cluster_.reset(); }

 private:
  std::unique_ptr<codesign::executor::SlurmCluster> cluster_;
};

std::string squeue() { return run_command({"squeue", "-h", "-o", "%i %T"}, 30).output; }

bool wait_until(double seconds, const std::function<bool()>& done) {
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

class SearchExecutorCli : public codesign::tests::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    workload_ = write("workload.json", tiny_workload());
    space_ = write("space.json", tiny_space());
  }

  std::vector<std::string> args(const std::string& study, const std::string& executor, int budget,
                                std::vector<std::string> more = {}) {
    std::vector<std::string> a = {"search",    "--workload", workload_,
                                  "--space",   space_,       "--study",
                                  study,       "--budget",   std::to_string(budget),
                                  "--seed",    "3",          "--warmup",
                                  "3",         "--confirm",  "0",
                                  "--workers", "2",          "--executor",
                                  executor};
    if (executor == "slurm") a.insert(a.end(), {"--partition", "debug"});
    a.insert(a.end(), more.begin(), more.end());
    return a;
  }

  // Trial id → what the study stored for it: the same trials, whatever ran them.
  static std::map<int, std::string> trials(const std::string& study) {
    std::map<int, std::string> out;
    for (const auto& t : StudyStore(study, Access::kRead).trials())
      if (t.fidelity == "model")
        out[t.params["proposal"]["trial"].get<int>()] =
            t.params["hw"].dump() + " " + t.status + " " + std::to_string(t.objective);
    return out;
  }

  std::string workload_, space_;
};

TEST_F(SearchExecutorCli, SlurmStoresTheSameTrialsAsLocal) {
  const std::string local = (dir_ / "local.db").string(), slurm = (dir_ / "slurm.db").string();
  const auto a = codesign(args(local, "local", 6));
  ASSERT_EQ(a.exit_code, 0) << a.output;
  const auto b = codesign(args(slurm, "slurm", 6));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_NE(b.output.find("jobs on slurm"), std::string::npos) << b.output;
  EXPECT_EQ(trials(local).size(), 6u);
  EXPECT_EQ(trials(local), trials(slurm));
  // Where each trial ran is stored with it: an array task of the local cluster.
  for (const auto& t : StudyStore(slurm, Access::kRead).trials()) {
    const json& ran = t.result["ran"].at(0);
    EXPECT_EQ(ran["executor"], "slurm");
    EXPECT_EQ(ran["host"], "localhost");
    EXPECT_NE(ran["job_id"].get<std::string>().find('_'), std::string::npos);
  }
  EXPECT_EQ(squeue(), "");
}

TEST_F(SearchExecutorCli, ScancelAndTheTimeLimitMakeFailedTrialsWithTheirReasons) {
  const std::string study = (dir_ / "fails.db").string(), log = (dir_ / "fails.log").string();
  // Inner searches that would take far longer than the test: one task is cancelled from
  // outside, the other runs into the time limit.
  const pid_t pid = start(
      args(study, "slurm", 2,
           {"--mapper-algorithm", "bo", "--mapper-budget", "100000", "--trial-timeout", "15"}),
      log);
  std::string running;
  ASSERT_TRUE(wait_until(60, [&] {
    running = squeue();
    return std::count(running.begin(), running.end(), '\n') == 2 &&
           running.find("PENDING") == std::string::npos;
  })) << running;
  const std::string first = running.substr(0, running.find(' '));
  ASSERT_EQ(run_command({"scancel", first}, 30).exit_code, 0);
  EXPECT_EQ(wait_exit(pid, 120), 1) << read(log);  // no feasible design
  const auto stored = StudyStore(study, Access::kRead).trials();
  ASSERT_EQ(stored.size(), 2u) << read(log);
  std::map<std::string, std::string> reason_of;
  for (const auto& t : stored) reason_of[t.status] = t.reason;
  ASSERT_EQ(reason_of.count("failed"), 1u) << read(log);
  EXPECT_NE(reason_of["failed"].find("cancelled outside the study"), std::string::npos)
      << reason_of["failed"];
  ASSERT_EQ(reason_of.count("timeout"), 1u) << read(log);
  EXPECT_NE(reason_of["timeout"].find("over the time limit of 15 s"), std::string::npos)
      << reason_of["timeout"];
  EXPECT_EQ(squeue(), "");
}

TEST_F(SearchExecutorCli, AKilledDriverResumedLosesNoTrialAndRunsNoFinishedJobAgain) {
  const std::string whole = (dir_ / "whole.db").string(), cut = (dir_ / "cut.db").string();
  const std::vector<std::string> slow = {"--mapper-budget", "3000"};
  ASSERT_EQ(codesign(args(whole, "local", 6, slow)).exit_code, 0);
  const pid_t pid = start(args(cut, "slurm", 6, slow), (dir_ / "cut.log").string());
  // Killed while a later batch's tasks are queued or running.
  ASSERT_TRUE(wait_until(120, [&] {
    return fs::exists(cut) && StudyStore(cut, Access::kRead).count() >= 2 && squeue() != "";
  }));
  ::kill(pid, SIGKILL);
  EXPECT_EQ(wait_exit(pid, 30), 128 + SIGKILL);
  const auto stored_before = StudyStore(cut, Access::kRead).count();
  // The orphaned tasks go on and finish on their own.
  ASSERT_TRUE(wait_until(120, [] { return squeue() == ""; }));
  const auto resumed_at =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto resume = args(cut, "slurm", 6, slow);
  resume.push_back("--resume");
  const auto r = codesign(resume);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("collected, not run again"), std::string::npos) << r.output;
  EXPECT_EQ(trials(cut), trials(whole));
  EXPECT_EQ(StudyStore(cut, Access::kRead).count(), 6);
  // Every trial the dead driver had not stored came from a job that ran before the resume.
  std::size_t collected = 0;
  for (const auto& t : StudyStore(cut, Access::kRead).trials()) {
    const json& ran = t.result["ran"].at(0);
    if (!ran["collected"].get<bool>()) continue;
    ++collected;
    const auto dir = (fs::path(cut + ".jobs") /
                      ("t" + std::to_string(t.params["proposal"]["trial"].get<int>())) / "map")
                         .string();
    EXPECT_LT(codesign::executor::read_result(dir)->started, resumed_at) << dir;
  }
  EXPECT_GE(collected, 1u);
  EXPECT_EQ(collected + static_cast<std::size_t>(stored_before) >= 1, true);
}

TEST_F(SearchExecutorCli, CtrlCLeavesNoJobOfTheStudyInTheQueue) {
  const std::string study = (dir_ / "int.db").string(), log = (dir_ / "int.log").string();
  const pid_t pid = start(
      args(study, "slurm", 4, {"--mapper-algorithm", "bo", "--mapper-budget", "100000"}), log);
  ASSERT_TRUE(wait_until(60, [] { return squeue().find("RUNNING") != std::string::npos; }));
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit(pid, 60), 130) << read(log);
  EXPECT_EQ(squeue(), "") << read(log);
  EXPECT_NE(read(log).find("--resume continues"), std::string::npos) << read(log);
}

// DQN over the edge space, every trial measured on its RTL: a small budget, since each
// design builds its own simulator (the Slurm run finds the local run's builds in the cache).
TEST_F(SearchExecutorCli, RtlFidelityOnDqnLocallyAndOnSlurm) {
  const std::string cache = (dir_ / "rtl-cache").string();
  const std::string dqn = std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/dqn.json";
  const std::string edge = std::string(CODESIGN_SOURCE_DIR) + "/configs/spaces/edge.json";
  std::map<std::string, std::map<int, std::string>> rtl;
  for (const std::string executor : {"local", "slurm"}) {
    const std::string study = (dir_ / (executor + ".db")).string();
    std::vector<std::string> a = {
        "search",   "--workload", dqn,      "--space", edge,        "--study",    study,
        "--budget", "2",          "--seed", "5",       "--workers", "2",          "--mapper-budget",
        "30",       "--fidelity", "rtl",    "--cache", cache,       "--executor", executor};
    const auto r = codesign(a, 1800);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("every output checked bit-exact"), std::string::npos) << r.output;
    const auto stored = StudyStore(study, Access::kRead).trials();
    std::map<std::int64_t, int> trial_of;
    for (const auto& t : stored)
      if (t.fidelity == "model") trial_of[t.id] = t.params["proposal"]["trial"].get<int>();
    for (const auto& t : stored) {
      if (t.fidelity != "rtl") continue;
      EXPECT_EQ(t.status, "ok") << t.reason;
      for (const auto& l : t.result["layers"]) EXPECT_GT(l["outputs_checked"].get<int>(), 0);
      EXPECT_EQ(t.result["layers"].size(), 5u);  // every DQN layer
      rtl[executor][trial_of.at(t.parent)] = std::to_string(t.objective);
    }
    EXPECT_EQ(rtl[executor].size(), 2u) << r.output;
  }
  EXPECT_EQ(rtl["local"], rtl["slurm"]);
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);
  return RUN_ALL_TESTS();
}
