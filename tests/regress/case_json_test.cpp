#include "regress/case_json.hpp"

#include <gtest/gtest.h>

#include "mapping/compiler.hpp"
#include "mapping/mapspace.hpp"
#include "tests/regress/regress_fixtures.hpp"

namespace {

using namespace codesign::regress;
using codesign::tests::tiny_hw;
using codesign::tests::tiny_workload;

Case export_case() {
  Case c;
  c.name = "exported/design";
  c.variant = "exported";
  c.origin = "s.json: cases[0]";
  c.hw = codesign::arch::hw_config_from_json(tiny_hw(), "hw");
  c.workload = "tiny";
  c.layers = codesign::mapping::workload_from_json(tiny_workload(), "w").layers;
  c.mapping_source = MappingSource::kExport;
  std::mt19937_64 rng(5);
  c.mappings = {codesign::mapping::Mapspace(c.hw.build, c.layers[0]).sample(rng)};
  c.export_programs = {codesign::mapping::compile(c.hw.build, c.layers[0], c.mappings[0]).program};
  c.operand_seed = 42;
  c.stall_probability = 0.125;
  c.timeout_s = 60;
  c.area = c.leakage = true;
  c.energy_table = {{"name", "t"}};
  for (const Metric m : kMetrics) c.tolerances[m] = {0.5, 2};
  c.tolerances[Metric::kArea] = {0.25, 0};
  c.cache_dir = "/tmp/cache";
  return c;
}

TEST(CaseJson, ACaseRoundTripsAsAJob) {
  const Case c = export_case();
  const nlohmann::json j = to_json(c);
  const Case back = case_from_json(nlohmann::json::parse(j.dump()), "job.json");
  EXPECT_EQ(to_json(back), j);
  EXPECT_EQ(back.mappings, c.mappings);
  EXPECT_EQ(back.export_programs, c.export_programs);
  EXPECT_EQ(back.tolerances.at(Metric::kArea).relative, 0.25);
  EXPECT_EQ(back.hw.build.key(), c.hw.build.key());
}

TEST(CaseJson, AMalformedJobNamesItsKey) {
  nlohmann::json j = to_json(export_case());
  j["mappings"] = nlohmann::json::array();
  try {
    case_from_json(j, "job.json");
    FAIL() << "accepted";
  } catch (const codesign::util::ConfigError& e) {
    EXPECT_STREQ(e.what(), "job.json: mappings: expected 1 mappings, got 0");
  }
  j = to_json(export_case());
  j["stall_probability"] = 2;
  EXPECT_THROW(case_from_json(j, "job.json"), codesign::util::ConfigError);
  j = to_json(export_case());
  j.erase("tolerances");
  EXPECT_THROW(case_from_json(j, "job.json"), codesign::util::ConfigError);
}

TEST(CaseJson, AResultRoundTrips) {
  CaseResult r;
  r.name = "v/w";
  r.status = RunStatus::kOk;
  r.metrics = {{Metric::kCycles, 1234}, {Metric::kEnergy, 5.5e6}, {Metric::kEdp, 1.25e-9}};
  r.delay_s = 2.5e-6;
  r.layers = {{"fc", 2, 617, 2.75e6, 72, {{"dataflow", "os"}}}};
  r.wall_s = 3.25;
  const nlohmann::json j = to_json(r);
  const CaseResult back = case_result_from_json(nlohmann::json::parse(j.dump()), "result.json");
  EXPECT_EQ(to_json(back), j);
  EXPECT_EQ(back.metrics, r.metrics);
  EXPECT_EQ(back.layers[0].outputs_checked, 72u);

  CaseResult failed;
  failed.name = "v/w";
  failed.status = RunStatus::kTimeout;
  failed.reason = "simulator killed after 60 s";
  const CaseResult f = case_result_from_json(to_json(failed), "result.json");
  EXPECT_EQ(f.status, RunStatus::kTimeout);
  EXPECT_EQ(f.reason, failed.reason);
  EXPECT_TRUE(f.metrics.empty());
  nlohmann::json bad = to_json(failed);
  bad["status"] = "fine";
  EXPECT_THROW(case_result_from_json(bad, "result.json"), codesign::util::ConfigError);
}

}  // namespace
