#include "mapping/mapspace.hpp"

#include <gtest/gtest.h>

#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

// ResNet-50 conv3_x_b on a small 8x8 array with 4 KiB buffers.
Layer layer() {
  Layer l;
  l.name = "conv3_x_b";
  l.c = l.k = 128;
  l.h = l.w = 28;
  l.r = l.s = 3;
  l.padding = 1;
  return l;
}

arch::BuildConfig tight() {
  arch::BuildConfig b;
  b.rows = b.cols = 8;
  b.input = {4096, 2};
  b.weight = {4096, 2};
  b.accumulator = {4096, 2};
  return b;
}

}  // namespace

TEST(Mapspace, ConstructiveSamplerDrawsOnlyValidMappings) {
  const Mapspace space(tight(), layer());
  std::mt19937_64 rng(3);
  int os = 0, db = 0;
  for (int i = 0; i < 2000; ++i) {
    const Mapping m = space.sample(rng);
    ASSERT_EQ(check_mapping(space.build(), space.layer(), m), "") << to_json(m).dump();
    os += m.dataflow == arch::Dataflow::kOutputStationary;
    db += m.double_buffer;
  }
  EXPECT_GT(os, 600);
  EXPECT_LT(os, 1400);
  EXPECT_GT(db, 600);
}

TEST(Mapspace, RejectionSamplingRarelySucceedsOnTightBuffers) {
  const Mapspace space(tight(), layer());
  std::mt19937_64 rng(4);
  int valid = 0;
  for (int i = 0; i < 2000; ++i)
    valid += is_valid(space.build(), space.layer(), space.sample_unconstrained(rng));
  EXPECT_LT(valid, 20);  // why the sampler must be constructive
}

TEST(Mapspace, SizeCountsEverySubspace) {
  Layer l;
  l.name = "tiny";
  l.k = 2;  // only K has more than one value: 3 (compute, buffer) tile pairs
  arch::BuildConfig b;
  b.weight_stationary = false;
  const double expected = std::log10(1.0 * 3 * 2 * 3 * 40320.0 * 40320.0);
  EXPECT_NEAR(Mapspace(b, l).log10_size(), expected, 1e-9);
  EXPECT_GT(Mapspace(tight(), layer()).log10_size(), 20);
}

TEST(Mapspace, NeighboursAreSmallValidMoves) {
  const Mapspace space(tight(), layer());
  std::mt19937_64 rng(5);
  Mapping m = space.sample(rng);
  int moved = 0;
  for (int i = 0; i < 500; ++i) {
    const Mapping x = space.valid_neighbour(m, rng);
    ASSERT_TRUE(is_valid(space.build(), space.layer(), x));
    int changes = (x.dataflow != m.dataflow) + (x.double_buffer != m.double_buffer) +
                  (x.row_dim != m.row_dim) + (x.dram_order != m.dram_order) +
                  (x.buffer_order != m.buffer_order);
    for (int d = 0; d < kNumDims; ++d)
      changes += (x.compute_tile[d] != m.compute_tile[d]) + (x.buffer_tile[d] != m.buffer_tile[d]);
    EXPECT_LE(changes, 4);  // a row-loop move touches row_dim and two loops' tiles
    moved += x != m;
    m = x;
  }
  EXPECT_GT(moved, 300);
}

TEST(Mapspace, ImpossibleLayerThrowsNamingTheReason) {
  arch::BuildConfig b = tight();
  b.weight_stationary = false;
  Layer l = layer();
  l.c = 1 << 17;  // the input alone needs more than the ISA's 32-bit DRAM addresses
  l.h = l.w = 3000;
  std::mt19937_64 rng(1);
  const std::string why = Mapspace(b, l).unmappable_reason();
  EXPECT_EQ(why.rfind("DRAM: the layer's tensors take ", 0), 0u) << why;
  EXPECT_NE(why.find("more than the ISA's 32-bit addresses reach (4 GiB)"), std::string::npos);
  try {
    Mapspace(b, l).sample(rng);
    FAIL();
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
  }
  EXPECT_EQ(Mapspace(b, layer()).unmappable_reason(), "");
}

TEST(Mapspace, SamplesEveryShippedLayerOnTheDefaultHardware) {
  arch::BuildConfig b;
  std::mt19937_64 rng(6);
  for (const char* name : {"resnet50", "dqn", "mlp", "bert_base_seq128", "bert_base_seq512"}) {
    const Workload w =
        load_workload(std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/" + name + ".json");
    for (const Layer& l : w.layers) {
      const Mapspace space(b, l);
      for (int i = 0; i < 20; ++i)
        ASSERT_EQ(check_mapping(b, l, space.sample(rng)), "") << name << " " << l.name;
    }
  }
}
