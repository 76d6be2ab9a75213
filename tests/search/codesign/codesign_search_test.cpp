#include "search/codesign/codesign_search.hpp"

#include <gtest/gtest.h>

#include "mapping/validity.hpp"
#include "tests/search/codesign/tiny_workload.hpp"

using namespace codesign;
using codesign::tests::tiny_workload;

namespace {

// A 4x4 array with 4 KiB buffers: every layer of tiny_workload() maps on it.
arch::HwConfig small_hw() {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.build.input = hw.build.weight = hw.build.accumulator = {4096, 2};
  return hw;
}

arch::EnergyTable table() { return arch::load_energy_table(arch::default_energy_table_path()); }

// The tiny workload on the small array with a short inner search.
search::HwEvaluation evaluate_tiny(double leakage_area_mm2 = 0) {
  search::MapperOptions o;
  o.budget = 30;
  return search::evaluate_hw(small_hw(), tiny_workload().layers, table(), o, nullptr,
                             leakage_area_mm2);
}

}  // namespace

TEST(Codesign, EveryLayerKeepsItsNameAndRepeatWhileShapesAreMappedOnce) {
  const arch::HwConfig hw = small_hw();
  search::MapperOptions o;
  o.budget = 30;
  mapping::Workload w = tiny_workload();  // conv, fc, conv-again (the shape of conv)
  w.layers[2].repeat = 3;
  EXPECT_EQ(mapping::distinct_shapes(w.layers).distinct.size(), 2u);
  const auto e = search::evaluate_hw(hw, w.layers, table(), o);
  ASSERT_TRUE(e.feasible);
  ASSERT_EQ(e.layers.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(e.layers[i].layer.name, w.layers[i].name);
    EXPECT_EQ(e.layers[i].layer.repeat, w.layers[i].repeat);
  }
  EXPECT_EQ(e.layers[2].best.mapping, e.layers[0].best.mapping);
  // Two inner searches, not three.
  EXPECT_EQ(e.model_evaluations, e.layers[0].best.evaluations + e.layers[1].best.evaluations);
  // The network counts conv 1 + 3 times and fc once.
  const auto& conv = e.layers[0].best.metrics;
  const auto& fc = e.layers[1].best.metrics;
  EXPECT_NEAR(e.energy_pj, 4 * conv.energy_pj + fc.energy_pj, 1e-9 * e.energy_pj);
}

TEST(Codesign, AnUnmappableLayerSaysWhichLimit) {
  arch::HwConfig hw = small_hw();
  mapping::Workload w = tiny_workload();
  w.layers[1].c = 1 << 20;  // an fc whose weights need more than 4 GiB of DRAM addresses
  w.layers[1].k = 1 << 13;
  search::MapperOptions o;
  o.budget = 10;
  const auto e = search::evaluate_hw(hw, w.layers, table(), o);
  EXPECT_FALSE(e.feasible);
  EXPECT_EQ(e.reason.rfind("layer fc has no valid mapping: DRAM: the layer's tensors", 0), 0u)
      << e.reason;
}

TEST(Codesign, MapperReturnsAValidMappingAndItsModelMetrics) {
  const arch::HwConfig hw = small_hw();
  const mapping::Layer l = tiny_workload().layers[0];
  search::MapperOptions o;
  o.budget = 50;
  const auto best = search::best_mapping(hw, l, table(), o);
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(mapping::check_mapping(hw.build, l, best->mapping), "");
  EXPECT_EQ(best->evaluations, 50u);
  EXPECT_EQ(best->counts.macs, l.macs());
  // A deeper search never does worse (it sees the same first points, then more).
  o.budget = 200;
  const auto deeper = search::best_mapping(hw, l, table(), o);
  EXPECT_LE(search::layer_objective(deeper->metrics), search::layer_objective(best->metrics));
}

TEST(Codesign, NetworkEdpCountsRepeatedLayers) {
  const auto e = evaluate_tiny();
  ASSERT_TRUE(e.feasible);
  const auto& conv = e.layers[0].best.metrics;  // and conv-again
  const auto& fc = e.layers[1].best.metrics;
  EXPECT_NEAR(e.energy_pj, 2 * conv.energy_pj + fc.energy_pj, 1e-6 * e.energy_pj);
  EXPECT_NEAR(e.delay_s, 2 * conv.delay_s + fc.delay_s, 1e-9 * e.delay_s);
  EXPECT_NEAR(e.edp_js, e.energy_pj * 1e-12 * e.delay_s, 1e-9 * e.edp_js);
}

TEST(Codesign, LeakagePricesTheAreaOverEveryLayersDelay) {
  const auto without = evaluate_tiny();
  const auto with = evaluate_tiny(2.0);
  ASSERT_TRUE(with.feasible);
  for (const auto& l : without.layers) EXPECT_EQ(l.best.metrics.energy.leakage_pj, 0);
  for (const auto& l : with.layers) {
    const auto& m = l.best.metrics;
    EXPECT_GT(m.energy.leakage_pj, 0);
    EXPECT_NEAR(m.energy.leakage_pj, arch::leakage_pj(table(), 2.0, m.delay_s),
                1e-9 * m.energy.leakage_pj);
  }
}
