#include "report/layer_breakdown.hpp"

#include <gtest/gtest.h>

using codesign::report::layer_breakdown;
using codesign::store::Trial;

namespace {

nlohmann::json fc(const std::string& name, int in, int out, int repeat) {
  return {{"layer",
           {{"name", name},
            {"type", "fc"},
            {"in", in},
            {"out", out},
            {"batch", 1},
            {"repeat", repeat}}}};
}

// A 2 × 4 array running fc1 (64 × 10 MACs, twice) and fc2 (32 × 4 MACs).
Trial model_trial(bool with_utilisation) {
  Trial t;
  t.id = 7;
  t.params = {{"hw", {{"rows", 2}, {"cols", 4}}},
              {"layers", {fc("fc1", 64, 10, 2), fc("fc2", 32, 4, 1)}}};
  nlohmann::json m1 = {{"cycles", 100}, {"energy_pj", 300.0}};
  nlohmann::json m2 = {{"cycles", 200}, {"energy_pj", 400.0}};
  if (with_utilisation) {
    m1["utilisation"] = 0.75;
    m2["utilisation"] = 0.0625;
  }
  t.result = {{"layers",
               {{{"name", "fc1"}, {"repeat", 2}, {"metrics", m1}},
                {{"name", "fc2"}, {"repeat", 1}, {"metrics", m2}}}}};
  return t;
}

}  // namespace

TEST(LayerBreakdown, ComputesUtilisationFromMacsPesAndCyclesWhenNotRecorded) {
  const auto b = layer_breakdown(model_trial(false), nullptr);
  EXPECT_EQ(b.trial, 7);
  EXPECT_FALSE(b.measured_on_rtl);
  EXPECT_FALSE(b.utilisation_recorded);
  EXPECT_EQ(b.pes, 8);
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[0].macs, 640u);
  EXPECT_EQ(b.rows[0].repeat, 2);
  EXPECT_DOUBLE_EQ(b.rows[0].utilisation, 640.0 / (8 * 100));
  EXPECT_DOUBLE_EQ(b.rows[1].utilisation, 128.0 / (8 * 200));
  // Repeats counted: fc1 is 2 × 100 of 400 cycles and 2 × 300 of 1000 pJ.
  EXPECT_DOUBLE_EQ(b.rows[0].cycle_share, 0.5);
  EXPECT_DOUBLE_EQ(b.rows[0].energy_share, 0.6);
  EXPECT_DOUBLE_EQ(b.rows[1].energy_share, 0.4);
}

TEST(LayerBreakdown, TakesTheRtlMeasurementAndTheRecordedUtilisation) {
  const Trial model = model_trial(true);
  Trial rtl;
  rtl.id = 9;
  rtl.result = {{"layers",
                 {{{"name", "fc1"},
                   {"metrics", {{"cycles", 300}, {"energy_pj", 100.0}, {"utilisation", 0.25}}}},
                  {{"name", "fc2"},
                   {"metrics", {{"cycles", 400}, {"energy_pj", 800.0}, {"utilisation", 0.04}}}}}}};
  const auto b = layer_breakdown(model, &rtl);
  EXPECT_EQ(b.trial, 9);
  EXPECT_TRUE(b.measured_on_rtl);
  EXPECT_TRUE(b.utilisation_recorded);
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[0].repeat, 2);  // from the model trial: the RTL one does not list repeats
  EXPECT_EQ(b.rows[0].cycles, 300u);
  EXPECT_DOUBLE_EQ(b.rows[0].utilisation, 0.25);
  EXPECT_DOUBLE_EQ(b.rows[0].cycle_share, 600.0 / 1000);
  EXPECT_DOUBLE_EQ(b.rows[1].energy_share, 800.0 / 1000);
}
