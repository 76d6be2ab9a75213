// The study driver at model fidelity on a tiny network: the same seed and batch size give
// the same trials whatever the executor; a stopped study, resumed, ends with exactly the
// trials of an uninterrupted one and runs no finished job again; a failed job is a failed
// trial with its reason; a study resumed with other inputs is refused.
#include "study/study.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "area/budget_predicate.hpp"
#include "area/sram_model.hpp"
#include "executor/in_process_executor.hpp"
#include "executor/job_dir.hpp"
#include "executor/local_executor.hpp"
#include "study/jobs.hpp"
#include "study/study_file.hpp"
#include "tests/search/codesign/tiny_workload.hpp"
#include "tests/study_path.hpp"
#include "util/json_reader.hpp"

namespace codesign::study {
namespace {

search::HwSpaceSpec small_space() {
  search::HwSpaceSpec s;
  s.rows = s.cols = {2, 12};
  s.input_kib = s.weight_kib = s.accumulator_kib = {1, 32};
  s.pe_budget = 64;
  return s;
}

StudySpec spec(const std::string& algorithm = "bo") {
  StudySpec s;
  s.workload = tests::tiny_workload();
  s.energy = util::read_json_file(arch::default_energy_table_path());
  s.outer.algorithm = algorithm;
  s.outer.warmup = 3;
  s.mapper.budget = 20;
  return s;
}

std::string fresh_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "/" + name;
  std::filesystem::remove_all(d);
  return d;
}

// Trial id → (hardware, status, objective) of every model trial: what "the same trials" means.
std::map<std::int64_t, std::string> trials_of(const store::StudyStore& store) {
  std::map<std::int64_t, std::string> out;
  for (const store::Trial& t : store.trials())
    if (t.fidelity == "model")
      out[t.params["proposal"]["trial"].get<std::int64_t>()] =
          t.params["hw"].dump() + " " + t.status + " " + std::to_string(t.objective);
  return out;
}

Environment env(executor::Executor& e, const std::string& job_dir) {
  Environment v;
  v.executor = &e;
  v.job_dir = job_dir;
  return v;
}

RunSummary run_study(const std::string& name, executor::Executor& e, std::size_t budget,
                     std::size_t batch, const std::atomic<bool>& stop,
                     const std::function<void(const Progress&)>& progress = {}) {
  const search::HwSpace space(small_space());
  const std::string path = ::testing::TempDir() + "/" + name + ".db";
  const auto store =
      open_study(path, std::filesystem::exists(path), study_identity(spec(), space.spec()));
  Study study(spec(), space, *store, env(e, ::testing::TempDir() + "/" + name + ".jobs"));
  return study.run(budget, batch, 0, stop, progress);
}

executor::LocalOptions local(std::size_t slots) {
  executor::LocalOptions o;
  o.worker = {STUDY_TEST_WORKER};
  o.slots = slots;
  return o;
}

TEST(Study, SameSeedAndBatchSameTrialsWhateverTheExecutor) {
  const std::atomic<bool> no_stop{false};
  tests::fresh_study_path("in-process.db");
  fresh_dir("in-process.jobs");
  executor::InProcessExecutor in_process(run_job);
  const RunSummary a = run_study("in-process", in_process, 7, 3, no_stop);
  EXPECT_EQ(a.trials, 7u);
  EXPECT_FALSE(a.interrupted);

  tests::fresh_study_path("local.db");
  fresh_dir("local.jobs");
  executor::LocalExecutor local_executor(local(2));
  const RunSummary b = run_study("local", local_executor, 7, 3, no_stop);
  EXPECT_EQ(b.trials, 7u);

  const store::StudyStore sa(::testing::TempDir() + "/in-process.db",
                             store::StudyStore::Access::kRead);
  const store::StudyStore sb(::testing::TempDir() + "/local.db", store::StudyStore::Access::kRead);
  const auto ta = trials_of(sa);
  EXPECT_EQ(ta.size(), 7u);
  EXPECT_EQ(ta, trials_of(sb));
  // Where each ran is recorded with it.
  for (const store::Trial& t : sb.trials()) {
    ASSERT_EQ(t.result["ran"].size(), 1u);
    EXPECT_EQ(t.result["ran"][0]["executor"], "local");
    EXPECT_EQ(t.result["ran"][0]["host"], executor::host_name());
    EXPECT_NE(t.result["ran"][0]["job_id"], "");
  }
}

TEST(Study, AStoppedStudyResumedEndsWithTheTrialsOfAnUninterruptedOne) {
  tests::fresh_study_path("whole.db");
  fresh_dir("whole.jobs");
  executor::InProcessExecutor whole_executor(run_job);
  const std::atomic<bool> no_stop{false};
  run_study("whole", whole_executor, 8, 3, no_stop);

  tests::fresh_study_path("cut.db");
  fresh_dir("cut.jobs");
  {
    // Stopped in the middle of the second batch: its finished trial stays stored.
    std::atomic<bool> stop{false};
    executor::InProcessExecutor e(run_job);
    const RunSummary s = run_study("cut", e, 8, 3, stop, [&](const Progress& p) {
      if (p.trials == 4) stop = true;
    });
    EXPECT_TRUE(s.interrupted);
    EXPECT_EQ(s.trials, 4u);
  }
  executor::InProcessExecutor e(run_job);
  const RunSummary s = run_study("cut", e, 8, 3, no_stop);
  EXPECT_EQ(s.resumed, 4u);
  EXPECT_EQ(s.trials, 8u);
  const store::StudyStore whole(::testing::TempDir() + "/whole.db",
                                store::StudyStore::Access::kRead);
  const store::StudyStore cut(::testing::TempDir() + "/cut.db", store::StudyStore::Access::kRead);
  EXPECT_EQ(trials_of(whole), trials_of(cut));
  EXPECT_EQ(cut.count(), 8);  // no trial stored twice
}

TEST(Study, AJobWhoseResultIsThereIsCollectedNotRunAgain) {
  tests::fresh_study_path("collect.db");
  const std::string jobs = fresh_dir("collect.jobs");
  const std::atomic<bool> no_stop{false};
  {
    executor::InProcessExecutor e(run_job);
    run_study("collect", e, 3, 3, no_stop);
  }
  // The driver died after its jobs ended but before it stored their trials.
  tests::fresh_study_path("collect.db");
  executor::InProcessExecutor e(run_job);
  const RunSummary s = run_study("collect", e, 3, 3, no_stop);
  EXPECT_EQ(s.trials, 3u);
  EXPECT_EQ(s.collected, 3u);
}

TEST(Study, AFailedJobIsAFailedTrialWithItsReason) {
  tests::fresh_study_path("fails.db");
  fresh_dir("fails.jobs");
  executor::LocalOptions o = local(2);
  o.worker = {"false"};  // exits 1 without a result
  executor::LocalExecutor e(o);
  const std::atomic<bool> no_stop{false};
  const RunSummary s = run_study("fails", e, 4, 2, no_stop);
  EXPECT_EQ(s.trials, 4u);
  EXPECT_EQ(s.feasible, 0u);
  const store::StudyStore store(::testing::TempDir() + "/fails.db",
                                store::StudyStore::Access::kRead);
  for (const store::Trial& t : store.trials()) {
    EXPECT_EQ(t.status, "failed");
    EXPECT_EQ(t.reason, "job failed: worker exited with status 1");
    EXPECT_FALSE(t.feasible);
  }
}

TEST(Study, AResumedStudyMustHaveTheSameInputs) {
  tests::fresh_study_path("identity.db");
  fresh_dir("identity.jobs");
  const std::atomic<bool> no_stop{false};
  executor::InProcessExecutor e(run_job);
  run_study("identity", e, 2, 2, no_stop);
  const search::HwSpace space(small_space());
  store::StudyStore store(::testing::TempDir() + "/identity.db", store::StudyStore::Access::kWrite);
  EXPECT_THROW(Study(spec("random"), space, store, env(e, ::testing::TempDir() + "/identity.jobs")),
               util::ConfigError);
}

TEST(Study, AJobDirectoryOfAnotherStudyIsRefused) {
  tests::fresh_study_path("first.db");
  tests::fresh_study_path("second.db");
  const std::string jobs = fresh_dir("shared.jobs");
  const std::atomic<bool> no_stop{false};
  executor::InProcessExecutor e(run_job);
  const search::HwSpace space(small_space());
  {
    const auto store = open_study(::testing::TempDir() + "/first.db", false,
                                  study_identity(spec("bo"), space.spec()));
    Study(spec("bo"), space, *store, env(e, jobs)).run(2, 2, 0, no_stop);
  }
  const auto store = open_study(::testing::TempDir() + "/second.db", false,
                                study_identity(spec("random"), space.spec()));
  Study other(spec("random"), space, *store, env(e, jobs));
  EXPECT_THROW(other.run(2, 2, 0, no_stop), util::ConfigError);
}

TEST(Study, TrialsNeverExceedTheSpacesBudgets) {
  // Fixed logic coefficients (no synthesis in a unit test), the shipped SRAM model.
  area::LogicCoefficients c;
  c.pe_um2 = 1500;
  c.skew_bit_um2 = 5;
  c.fixed_um2 = 20000;
  area::AreaModel model([c](const arch::BuildConfig&) { return c; },
                        area::load_sram_model(area::default_sram_model_path()));
  area::Budgets b;
  b.area_mm2 = 0.25;
  b.power_mw = 400;
  const arch::EnergyTable energy = arch::load_energy_table(arch::default_energy_table_path());
  area::BudgetConstraint constraint(model, energy, b);
  const search::HwSpace space(small_space(), area::budget_predicate(constraint, b));
  tests::fresh_study_path("budgets.db");
  const auto store =
      open_study(::testing::TempDir() + "/budgets.db", false, study_identity(spec(), space.spec()));
  executor::InProcessExecutor e(run_job);
  const std::atomic<bool> no_stop{false};
  Study(spec(), space, *store, env(e, fresh_dir("budgets.jobs"))).run(10, 2, 0, no_stop);
  const auto trials = store->trials();
  ASSERT_EQ(trials.size(), 10u);
  for (const auto& t : trials) {
    const arch::HwConfig hw = arch::hw_config_from_json(t.params["hw"], "study");
    const area::Usage u = constraint.usage(hw);
    EXPECT_LE(u.area_mm2, 0.25);
    EXPECT_LE(u.power_mw, 400);
    EXPECT_LE(hw.build.rows * hw.build.cols, 64);
  }
  // And the predicate explains a point over budget.
  EXPECT_NE(space.violation(space.decode({12, 12, 32, 32, 32, 2})), "");
}

}  // namespace
}  // namespace codesign::study
