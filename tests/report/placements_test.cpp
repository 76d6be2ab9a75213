#include "report/placements.hpp"

#include <gtest/gtest.h>

using codesign::report::summarise;
using codesign::report::trial_placements;
using codesign::store::Trial;

namespace {

nlohmann::json placement(const std::string& job, const std::string& executor,
                         const std::string& host, const std::string& id, double wall_s,
                         bool collected) {
  return {{"job", job},   {"executor", executor}, {"host", host},
          {"job_id", id}, {"wall_s", wall_s},     {"collected", collected}};
}

Trial trial(std::int64_t id, const nlohmann::json& ran) {
  Trial t;
  t.id = id;
  t.fidelity = "model";
  t.status = "ok";
  if (!ran.is_null()) t.result["ran"] = ran;
  return t;
}

}  // namespace

TEST(Placements, ReadsTheMapJobAndSumsTheSimulations) {
  Trial rtl =
      trial(4, nlohmann::json::array({placement("sim-1", "slurm", "node2", "77_1", 3.5, false),
                                      placement("sim-0", "slurm", "node1", "77_0", 2.0, true)}));
  rtl.fidelity = "rtl";
  rtl.parent = 3;
  const auto p = trial_placements(rtl);
  EXPECT_TRUE(p.recorded);
  EXPECT_EQ(p.trial, 4);
  EXPECT_EQ(p.parent, 3);
  ASSERT_EQ(p.jobs.size(), 2u);
  EXPECT_EQ(p.jobs[0].host, "node2");
  EXPECT_EQ(p.jobs[0].job_id, "77_1");
  EXPECT_EQ(p.map_wall_s(), 0);
  EXPECT_EQ(p.simulations(), 2u);
  EXPECT_DOUBLE_EQ(p.simulation_wall_s(), 5.5);
  EXPECT_EQ(p.collected(), 1u);

  const auto m = trial_placements(
      trial(3, nlohmann::json::array({placement("map", "local", "ws", "4242", 1.25, false)})));
  EXPECT_DOUBLE_EQ(m.map_wall_s(), 1.25);
  EXPECT_EQ(m.simulations(), 0u);
  EXPECT_EQ(m.collected(), 0u);
}

TEST(Placements, ATrialWithoutPlacementsIsNotRecorded) {
  const auto p = trial_placements(trial(1, nullptr));
  EXPECT_FALSE(p.recorded);
  EXPECT_TRUE(p.jobs.empty());
  // A mistyped field reads as empty, not as an error: the page still renders.
  const auto q = trial_placements(
      trial(2, nlohmann::json::array({{{"job", "map"}, {"host", 7}, {"wall_s", "x"}}})));
  ASSERT_EQ(q.jobs.size(), 1u);
  EXPECT_EQ(q.jobs[0].host, "");
  EXPECT_EQ(q.jobs[0].wall_s, 0);
}

TEST(Placements, TalliesJobsPerHostAndExecutor) {
  const auto s = summarise({
      trial_placements(
          trial(1, nlohmann::json::array({placement("map", "local", "ws", "10", 1.0, false)}))),
      trial_placements(
          trial(2, nlohmann::json::array({placement("map", "slurm", "node1", "77_0", 2.0, true),
                                          placement("sim-0", "slurm", "node1", "78_0", 4.0, false),
                                          placement("sim-1", "slurm", "", "", 0, false)}))),
      trial_placements(trial(3, nullptr)),
  });
  EXPECT_EQ(s.trials, 3u);
  EXPECT_EQ(s.unrecorded, 1u);
  EXPECT_EQ(s.collected, 1u);
  EXPECT_EQ(s.total.jobs, 4u);
  EXPECT_DOUBLE_EQ(s.total.wall_s, 7.0);
  EXPECT_EQ(s.by_executor.at("slurm").jobs, 3u);
  EXPECT_DOUBLE_EQ(s.by_executor.at("slurm").wall_s, 6.0);
  EXPECT_EQ(s.by_executor.at("local").jobs, 1u);
  EXPECT_EQ(s.by_host.at("node1").jobs, 2u);
  EXPECT_EQ(s.by_host.at("").jobs, 1u);  // never started
  EXPECT_EQ(s.by_host.size(), 3u);
}

TEST(Placements, SpansFromTheFirstStartToTheLastEndOverJobsThatHaveAStart) {
  auto started = [](nlohmann::json p, double at) {
    p["started"] = at;
    return p;
  };
  // Two jobs of 4 s and 6 s side by side from t = 1000, a third of 2 s from t = 1010, and
  // one from an older study without a start time: 12 s of job time in 12 s, one at a time
  // on average; the job without a start is in the total, not in the span.
  const auto s = summarise({trial_placements(trial(
      1, nlohmann::json::array({started(placement("map", "local", "ws", "1", 4.0, false), 1000),
                                started(placement("sim-0", "local", "ws", "2", 6.0, false), 1000),
                                started(placement("sim-1", "local", "ws", "3", 2.0, false), 1010),
                                placement("sim-2", "local", "ws", "4", 5.0, false)})))});
  EXPECT_DOUBLE_EQ(s.total.wall_s, 17.0);
  EXPECT_DOUBLE_EQ(s.spanned_wall_s, 12.0);
  EXPECT_DOUBLE_EQ(s.span_s, 12.0);
}

TEST(Placements, NoSpanWithoutStartTimes) {
  const auto s = summarise({trial_placements(
      trial(1, nlohmann::json::array({placement("map", "local", "ws", "1", 4.0, false)})))});
  EXPECT_EQ(s.span_s, 0);
  EXPECT_EQ(s.spanned_wall_s, 0);
}
