#include "mapping/canonical_mappings.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

Layer conv(int c, int k, int hw, int rs, int stride = 1, int groups = 1) {
  Layer l;
  l.name = "conv";
  l.c = c;
  l.k = k;
  l.h = l.w = hw;
  l.r = l.s = rs;
  l.stride = stride;
  l.groups = groups;
  return l;
}

arch::BuildConfig array(int rows, int cols, std::uint32_t kib) {
  arch::BuildConfig b;
  b.rows = rows;
  b.cols = cols;
  b.input = b.weight = b.accumulator = {kib * 1024, 2};
  return b;
}

// Real shapes (ResNet-50's first layers, as in SCALE-Sim's Resnet50.csv) and awkward ones.
std::vector<Layer> layers() {
  Layer fc;
  fc.name = "fc";
  fc.kind = LayerKind::kFullyConnected;
  fc.n = 4;
  fc.c = 2048;
  fc.k = 1000;
  return {conv(3, 64, 224, 7, 2),
          conv(64, 64, 56, 1),
          conv(64, 64, 56, 3),
          conv(64, 256, 56, 1),
          conv(512, 512, 9, 3),
          conv(96, 96, 58, 3, 1, 96),
          fc};
}

}  // namespace

TEST(CanonicalMappings, AreValidAndDistinct) {
  for (const arch::BuildConfig& b : {array(16, 16, 64), array(32, 32, 64), array(8, 4, 2)})
    for (const Layer& l : layers()) {
      const std::vector<Mapping> ms = canonical_mappings(b, l);
      ASSERT_FALSE(ms.empty()) << b.key() << " " << l.name;
      for (std::size_t i = 0; i < ms.size(); ++i) {
        EXPECT_EQ(check_mapping(b, l, ms[i]), "") << to_json(ms[i]).dump();
        for (std::size_t j = 0; j < i; ++j) EXPECT_NE(ms[i], ms[j]);
      }
    }
}

TEST(CanonicalMappings, CoverTheBuiltDataflowsAndRowLoopsFirst) {
  const Layer l = conv(64, 64, 56, 3);
  const std::vector<Mapping> both = canonical_mappings(array(16, 16, 64), l);
  // OS over the flattened pixels, over Q and over P (N is 1), then WS over the flattened
  // reduction and over C: the first five differ in exactly that.
  ASSERT_GE(both.size(), 5u);
  EXPECT_EQ(both[0].dataflow, arch::Dataflow::kOutputStationary);
  EXPECT_TRUE(both[0].flatten);
  EXPECT_EQ(both[0].row_dim, Dim::kQ);
  EXPECT_EQ(both[1].row_dim, Dim::kQ);
  EXPECT_FALSE(both[1].flatten);
  EXPECT_EQ(both[2].row_dim, Dim::kP);
  EXPECT_EQ(both[3].dataflow, arch::Dataflow::kWeightStationary);
  EXPECT_TRUE(both[3].flatten);
  EXPECT_EQ(both[4].row_dim, Dim::kC);
  EXPECT_FALSE(both[4].flatten);
  for (const Mapping& m : both) EXPECT_NE(m.row_dim, Dim::kN);  // N = 1 cannot fill rows

  arch::BuildConfig ws_only = array(16, 16, 64);
  ws_only.output_stationary = false;
  for (const Mapping& m : canonical_mappings(ws_only, l))
    EXPECT_EQ(m.dataflow, arch::Dataflow::kWeightStationary);
}

TEST(CanonicalMappings, SpatialTilesFillTheArray) {
  const arch::BuildConfig b = array(16, 16, 64);
  for (const Layer& l : layers())
    for (const Mapping& m : canonical_mappings(b, l)) {
      const DimArray bound = bounds_of(l, m);
      EXPECT_EQ(m.compute_tile[index(Dim::kK)], std::min(b.cols, bound[index(Dim::kK)]));
      EXPECT_EQ(m.compute_tile[index(m.row_dim)], std::min(b.rows, bound[index(m.row_dim)]))
          << l.name << " " << to_json(m).dump();
    }
}

TEST(CanonicalMappings, OnChipTilesAreAsLargeAsTheBuffersAllow) {
  // Every on-chip tile is the whole loop, or one more compute tile would overflow a buffer.
  for (const arch::BuildConfig& b : {array(16, 16, 64), array(8, 4, 2)})
    for (const Layer& l : layers())
      for (const Mapping& m : canonical_mappings(b, l))
        for (Dim d : kAllDims) {
          const int i = index(d), bound = bounds_of(l, m)[i];
          if (m.buffer_tile[i] == bound) continue;
          Mapping bigger = m;
          bigger.buffer_tile[i] = std::min(bound, m.buffer_tile[i] + m.compute_tile[i]);
          EXPECT_GE(overfull_tensor(b, tiling_of(l, bigger), m.double_buffer), 0)
              << l.name << " " << to_string(d) << " " << to_json(m).dump();
        }
}

TEST(CanonicalMappings, StreamAWholeReductionWhenItFits) {
  // CB2a_2 (C = 64, 3x3) on 16x16 with 64 KiB buffers: an output-stationary COMPUTE can
  // stream all 576 reduction steps, so the partial sums never leave the PEs.
  const Layer l = conv(64, 64, 56, 3);
  bool whole = false;
  for (const Mapping& m : canonical_mappings(array(16, 16, 64), l))
    if (m.dataflow == arch::Dataflow::kOutputStationary)
      whole = whole || (m.compute_tile[index(Dim::kC)] == 64 &&
                        m.compute_tile[index(Dim::kR)] == 3 && m.compute_tile[index(Dim::kS)] == 3);
  EXPECT_TRUE(whole);
}
