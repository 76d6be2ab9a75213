#include "search/codesign/mapping_moves.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "mapping/canonical_mappings.hpp"
#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

using namespace codesign;
using mapping::Dim;
using mapping::index;
using mapping::Mapping;

namespace {

mapping::Layer conv() {
  return mapping::layer_from_json({{"name", "conv"},
                                   {"type", "conv2d"},
                                   {"c", 32},
                                   {"k", 48},
                                   {"h", 14},
                                   {"w", 14},
                                   {"r", 3},
                                   {"s", 3},
                                   {"padding", 1}},
                                  "conv");
}

arch::BuildConfig array() {
  arch::BuildConfig b;
  b.rows = b.cols = 8;
  b.input = b.weight = b.accumulator = {4096, 2};
  b.accumulator = {8192, 2};
  return b;
}

// Reductions innermost at DRAM level (the partial-sum rule).
Mapping base() {
  Mapping m;
  m.dram_order = {Dim::kG, Dim::kK, Dim::kN, Dim::kP, Dim::kQ, Dim::kC, Dim::kR, Dim::kS};
  return m;
}

bool contains(const std::vector<Mapping>& v, const Mapping& m) {
  return std::find(v.begin(), v.end(), m) != v.end();
}

}  // namespace

TEST(MappingMoves, AreValidDistinctAndDifferent) {
  const arch::BuildConfig b = array();
  const mapping::Layer l = conv();
  for (const Mapping& m : mapping::canonical_mappings(b, l)) {
    const std::vector<Mapping> near = search::neighbours(b, l, m);
    EXPECT_GT(near.size(), 20u);
    for (std::size_t i = 0; i < near.size(); ++i) {
      EXPECT_EQ(mapping::check_mapping(b, l, near[i]), "");
      EXPECT_NE(near[i], m);
      for (std::size_t j = 0; j < i; ++j) EXPECT_NE(near[i], near[j]);
    }
  }
}

TEST(MappingMoves, SetTilesToTellingValues) {
  const arch::BuildConfig b = array();
  const mapping::Layer l = conv();
  Mapping m = base();  // OS over Q, one-element tiles
  m.compute_tile[index(Dim::kK)] = m.buffer_tile[index(Dim::kK)] = 5;
  ASSERT_EQ(mapping::check_mapping(b, l, m), "");
  const std::vector<Mapping> near = search::neighbours(b, l, m);
  // K's compute tile to the array's width, alone (two blocks) or as the on-chip tile.
  Mapping wide = m;
  wide.compute_tile[index(Dim::kK)] = wide.buffer_tile[index(Dim::kK)] = 8;
  EXPECT_TRUE(contains(near, wide));
  // C's on-chip tile to the whole loop (32 channels), and to half of it.
  for (int c : {32, 16}) {
    Mapping x = m;
    x.buffer_tile[index(Dim::kC)] = c;
    EXPECT_TRUE(contains(near, x)) << c;
  }
}

TEST(MappingMoves, MoveOnlyLoopsThatIterate) {
  const arch::BuildConfig b = array();
  const mapping::Layer l = conv();
  Mapping m = base();
  m.compute_tile[index(Dim::kK)] = m.buffer_tile[index(Dim::kK)] = 8;  // K: 6 DRAM tiles
  m.buffer_tile[index(Dim::kP)] = 14;                                  // P: one tile
  ASSERT_EQ(mapping::check_mapping(b, l, m), "");
  for (const Mapping& x : search::neighbours(b, l, m)) {
    if (x.dram_order == m.dram_order) continue;
    // Only loops with several DRAM tiles change places; P (one tile) and G (one) keep theirs.
    for (int pos = 0; pos < mapping::kNumDims; ++pos) {
      if (m.dram_order[pos] == Dim::kP || m.dram_order[pos] == Dim::kG) {
        EXPECT_EQ(x.dram_order[pos], m.dram_order[pos]);
      }
    }
  }
}

TEST(MappingMoves, DoubleBufferingShrinksATileToFit) {
  const arch::BuildConfig b = array();
  const mapping::Layer l = conv();
  // The whole 48-channel K on chip fills most of the 512-vector weight buffer: one half of it
  // needs a smaller tile.
  Mapping m = base();
  m.compute_tile[index(Dim::kK)] = 8;
  m.buffer_tile[index(Dim::kK)] = 48;
  for (Dim d : {Dim::kC, Dim::kR, Dim::kS}) m.compute_tile[index(d)] = m.buffer_tile[index(d)] = 3;
  m.buffer_tile[index(Dim::kC)] = 6;  // 27-vector blocks x 6 K blocks x 2 C blocks = 324
  ASSERT_EQ(mapping::check_mapping(b, l, m), "");
  Mapping halved = m;
  halved.double_buffer = true;
  ASSERT_NE(mapping::check_mapping(b, l, halved), "");
  bool found = false;
  for (const Mapping& x : search::neighbours(b, l, m))
    if (x.double_buffer) {
      found = true;
      EXPECT_LE(mapping::tiling_of(l, x).tile_vectors[1], b.weight_entries() / 2);
    }
  EXPECT_TRUE(found);
}
