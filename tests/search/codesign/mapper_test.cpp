#include "search/codesign/mapper.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mapping/canonical_mappings.hpp"
#include "mapping/model.hpp"
#include "mapping/validity.hpp"
#include "tests/search/codesign/exhaustive_mappings.hpp"

using namespace codesign;

namespace {

arch::EnergyTable default_energy() {
  return arch::load_energy_table(arch::default_energy_table_path());
}

arch::HwConfig hw_point(int rows, int cols, int input, int weight, int acc, bool os = true,
                        bool ws = true) {
  arch::HwConfig hw;
  arch::BuildConfig& b = hw.build;
  b.rows = rows;
  b.cols = cols;
  b.output_stationary = os;
  b.weight_stationary = ws;
  // Buffer sizes in vectors, two banks each.
  b.input = {static_cast<std::uint32_t>(input * b.input_vector_bytes()), 2};
  b.weight = {static_cast<std::uint32_t>(weight * b.weight_vector_bytes()), 2};
  b.accumulator = {static_cast<std::uint32_t>(acc * b.acc_vector_bytes()), 2};
  hw.run.dram_bytes_per_cycle = 4;
  hw.run.dram_latency_cycles = 20;
  return hw;
}

mapping::Layer conv(int c, int k, int h, int w, int rs, int groups = 1) {
  mapping::Layer l;
  l.name = "conv";
  l.c = c;
  l.k = k;
  l.h = h;
  l.w = w;
  l.r = l.s = rs;
  l.groups = groups;
  return l;
}

// Small layers whose every mapping can be enumerated: an FC with a batch, a pointwise and a
// 2x2 convolution, a depthwise one and a grouped matmul.
std::vector<mapping::Layer> small_layers() {
  const mapping::Layer fc = mapping::layer_from_json(
      {{"name", "fc"}, {"type", "fc"}, {"batch", 3}, {"in", 5}, {"out", 6}}, "fc");
  const mapping::Layer mm = mapping::layer_from_json(
      {{"name", "matmul"}, {"type", "matmul"}, {"batch", 2}, {"m", 3}, {"k", 2}, {"n", 3}},
      "matmul");
  return {fc, conv(3, 5, 3, 2, 1), conv(2, 3, 3, 3, 2), conv(3, 3, 4, 3, 2, 3), mm};
}

search::MapperOptions with_budget(std::size_t budget) {
  search::MapperOptions o;
  o.budget = budget;
  return o;
}

}  // namespace

TEST(Mapper, WithinOnePercentOfTheExhaustiveOptimumOnSmallLayers) {
  const arch::EnergyTable energy = default_energy();
  const std::vector<arch::HwConfig> points = {
      hw_point(2, 2, 6, 6, 6), hw_point(3, 2, 12, 4, 8, true, false),
      hw_point(2, 3, 8, 16, 4, false, true), hw_point(4, 4, 32, 32, 32)};
  for (const arch::HwConfig& hw : points)
    for (const mapping::Layer& l : small_layers()) {
      const mapping::LayerModel model(hw, l);
      double optimum = std::numeric_limits<double>::infinity();
      std::size_t count = 0;
      tests::for_each_mapping(hw.build, l, [&](const mapping::Mapping& m) {
        ++count;
        optimum = std::min(
            optimum, search::layer_objective(arch::metrics_of(model.evaluate(m), hw, energy)));
      });
      const auto best = search::best_mapping(hw, l, energy, search::MapperOptions{});
      ASSERT_TRUE(best.has_value());
      const double found = search::layer_objective(best->metrics);
      // The objective is a log: within 1% of the optimum's EDP is within log(1.01).
      EXPECT_LE(found, optimum + std::log(1.01))
          << hw.build.key() << " " << l.name << ": " << count << " mappings, EDP "
          << std::exp(found - optimum) << "x the optimum";
      EXPECT_GE(found, optimum - 1e-9) << "the enumeration missed a mapping";
    }
}

TEST(Mapper, NeverWorseThanAnyCanonicalMappingOnRealLayers) {
  const arch::EnergyTable energy = default_energy();
  mapping::Layer fc;
  fc.name = "fc1000";
  fc.kind = mapping::LayerKind::kFullyConnected;
  fc.c = 2048;
  fc.k = 1000;
  // ResNet-50's conv1, CB2a_2 and CB2a_3 (no padding, as SCALE-Sim's Resnet50.csv), a 14x14
  // depthwise layer, and its classifier.
  mapping::Layer conv1 = conv(3, 64, 224, 224, 7);
  conv1.stride = 2;
  const std::vector<mapping::Layer> layers = {
      conv1, conv(64, 64, 56, 56, 3), conv(64, 256, 56, 56, 1), conv(576, 576, 16, 16, 3, 576), fc};
  for (const arch::HwConfig& hw :
       {hw_point(16, 16, 4096, 4096, 1024), hw_point(8, 12, 256, 512, 128)})
    for (const search::MapperObjective objective :
         {search::MapperObjective::kEdp, search::MapperObjective::kDelay}) {
      search::MapperOptions o;
      o.objective = objective;
      for (const mapping::Layer& l : layers) {
        const auto best = search::best_mapping(hw, l, energy, o);
        ASSERT_TRUE(best.has_value());
        const double found = search::layer_objective(best->metrics, objective);
        for (const mapping::Mapping& m : mapping::canonical_mappings(hw.build, l)) {
          const arch::Metrics c =
              arch::metrics_of(mapping::LayerModel(hw, l).evaluate(m), hw, energy);
          EXPECT_LE(found, search::layer_objective(c, objective))
              << l.name << " " << mapping::to_json(m).dump();
        }
      }
    }
}

TEST(Mapper, ReportsWhenItFoundItsBest) {
  const arch::HwConfig hw = hw_point(4, 4, 64, 64, 64);
  search::MapperOptions o;
  o.budget = 500;
  const auto best = search::best_mapping(hw, conv(8, 16, 10, 10, 3), default_energy(), o);
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->evaluations, 500u);
  EXPECT_GE(best->evaluations_to_best, 1u);
  EXPECT_LE(best->evaluations_to_best, best->evaluations);
  EXPECT_GE(best->seconds_to_best, 0);
  EXPECT_LE(best->seconds_to_best, best->seconds);
}

TEST(Mapper, SameSeedSameMappingAndABudgetBelowTheSeedsIsKept) {
  const arch::HwConfig hw = hw_point(4, 4, 64, 64, 64);
  const mapping::Layer l = conv(8, 16, 10, 10, 3);
  search::MapperOptions o = with_budget(400);
  const auto a = search::best_mapping(hw, l, default_energy(), o);
  const auto b = search::best_mapping(hw, l, default_energy(), o);
  EXPECT_EQ(a->mapping, b->mapping);
  o.budget = 3;  // fewer than the canonical mappings: the budget still holds
  EXPECT_EQ(search::best_mapping(hw, l, default_energy(), o)->evaluations, 3u);
}

TEST(Mapper, DelayObjectiveFindsNoMoreCyclesThanTheEdpObjective) {
  // Both searches start from the same seeds; the delay search keeps the fewest cycles.
  const arch::HwConfig hw = hw_point(8, 8, 512, 512, 256);
  const mapping::Layer l = conv(32, 48, 14, 14, 3);
  search::MapperOptions o = with_budget(2000);
  const auto edp = search::best_mapping(hw, l, default_energy(), o);
  o.objective = search::MapperObjective::kDelay;
  const auto delay = search::best_mapping(hw, l, default_energy(), o);
  EXPECT_LE(delay->metrics.cycles, edp->metrics.cycles);
  EXPECT_LE(search::layer_objective(edp->metrics), search::layer_objective(delay->metrics));
  EXPECT_EQ(mapping::check_mapping(hw.build, l, delay->mapping), "");
}
