#include "mapping/tiling.hpp"

#include <gtest/gtest.h>

using namespace codesign;
using namespace codesign::mapping;

namespace {

Layer conv() {
  Layer l;
  l.name = "conv";
  l.c = 10;
  l.k = 12;
  l.h = l.w = 8;
  l.r = l.s = 3;
  l.padding = 1;
  return l;
}

}  // namespace

TEST(Tiling, CountsBlocksAndVectorsPerTensor) {
  Mapping m;  // OS: 4 pixels along Q x 4 channels per COMPUTE, C 5 x R 3 streamed
  m.row_dim = Dim::kQ;
  m.compute_tile = {1, 1, 4, 5, 1, 4, 3, 1};
  m.buffer_tile = {1, 1, 8, 10, 2, 8, 3, 3};
  const Tiling t = tiling_of(conv(), m);
  EXPECT_EQ(t.dram_tiles, (DimArray{1, 1, 2, 1, 4, 1, 1, 1}));  // K 12/8, P 8/2
  EXPECT_EQ(t.compute_blocks, (DimArray{1, 1, 2, 2, 2, 2, 1, 3}));
  // Input: blocks over C 2, P 2, Q 2, S 3 of 5 * 3 * 1 vectors.
  EXPECT_EQ(t.block_vectors[0], 15);
  EXPECT_EQ(t.tile_vectors[0], 15 * 2 * 2 * 2 * 3);
  // Weight: blocks over K 2, C 2, S 3 of 15 vectors; output: blocks over K, P, Q of 4.
  EXPECT_EQ(t.tile_vectors[1], 15 * 2 * 2 * 3);
  EXPECT_EQ(t.block_vectors[2], 4);
  EXPECT_EQ(t.tile_vectors[2], 4 * 2 * 2 * 2);
}

TEST(Tiling, WeightStationaryStreamsPixels) {
  Mapping m;
  m.dataflow = arch::Dataflow::kWeightStationary;
  m.row_dim = Dim::kC;
  m.compute_tile = {1, 1, 4, 5, 2, 8, 1, 1};
  m.buffer_tile = {1, 1, 4, 10, 2, 8, 3, 3};
  const Tiling t = tiling_of(conv(), m);
  EXPECT_EQ(t.block_vectors, (std::array<std::int64_t, 3>{16, 5, 16}));
  EXPECT_EQ(t.tile_vectors[0], 16 * 2 * 9);  // C blocks x R x S
  EXPECT_EQ(t.tile_vectors[1], 5 * 2 * 9);
  EXPECT_EQ(t.tile_vectors[2], 16);
}

TEST(Tiling, CommandLoopsMergeEvenlySpacedRuns) {
  const auto bit = [](Dim d) { return 1u << index(d); };
  Layer l = conv();
  Mapping os;
  os.compute_tile = {1, 1, 4, 10, 1, 4, 3, 3};  // every channel and tap in one block
  EXPECT_EQ(command_loops(l, os, Tensor::kInput), bit(Dim::kR));
  EXPECT_EQ(command_loops(l, os, Tensor::kWeight), 0u);
  EXPECT_EQ(command_loops(l, os, Tensor::kOutput), 0u);
  os.compute_tile[index(Dim::kS)] = 2;
  EXPECT_EQ(command_loops(l, os, Tensor::kWeight), bit(Dim::kR));
  os.compute_tile[index(Dim::kC)] = 5;
  EXPECT_EQ(command_loops(l, os, Tensor::kWeight), bit(Dim::kR) | bit(Dim::kS));
  l.dilation = 2;
  os.compute_tile[index(Dim::kC)] = 10;
  EXPECT_EQ(command_loops(l, os, Tensor::kInput), bit(Dim::kR) | bit(Dim::kS));

  Layer pointwise = conv();  // 1x1, no padding: rows of pixels are contiguous
  pointwise.r = pointwise.s = 1;
  pointwise.padding = 0;
  Mapping ws;
  ws.dataflow = arch::Dataflow::kWeightStationary;
  ws.row_dim = Dim::kC;
  ws.compute_tile = {1, 1, 4, 4, 2, 8, 1, 1};
  EXPECT_EQ(command_loops(pointwise, ws, Tensor::kInput), bit(Dim::kN));
  EXPECT_EQ(command_loops(pointwise, ws, Tensor::kOutput), bit(Dim::kN));
  EXPECT_EQ(command_loops(pointwise, ws, Tensor::kWeight), 0u);
  ws.compute_tile[index(Dim::kP)] = 8;
  EXPECT_EQ(command_loops(pointwise, ws, Tensor::kInput), 0u);
  EXPECT_EQ(command_loops(conv(), ws, Tensor::kInput), bit(Dim::kN) | bit(Dim::kP));
}

TEST(Tiling, DoubleBufferingHalvesTheEntriesATileMayUse) {
  arch::BuildConfig b;
  b.rows = b.cols = 4;
  b.input = {4 * 64, 2};
  b.weight = {4 * 32, 2};
  b.accumulator = {16 * 16, 2};
  EXPECT_EQ(tile_entries(b, Tensor::kInput, false), 64);
  EXPECT_EQ(tile_entries(b, Tensor::kInput, true), 32);
  EXPECT_EQ(tile_entries(b, Tensor::kOutput, true), 8);
  Tiling t;
  t.tile_vectors = {32, 16, 8};
  EXPECT_EQ(overfull_tensor(b, t, true), -1);
  t.tile_vectors = {32, 17, 9};
  EXPECT_EQ(overfull_tensor(b, t, true), 1);
  EXPECT_EQ(overfull_tensor(b, t, false), -1);
}
