// Geometry of a mapping on a layer, derived once and shared by validity, compiler and
// models: tile counts per level and how many buffer vectors each tensor's tile occupies.
//
// On-chip layout (one buffer half): a tensor's tile is a grid of compute blocks, one per
// compute tile of the loops the tensor depends on; every block takes the space of a full
// block (edge blocks leave a gap), so block addresses do not depend on edge effects.
// Inside a block, vectors are dense over the dataflow's "vector loops" (the loops a COMPUTE
// walks through buffer addresses), lanes over the spatial loop:
//              input lanes / vectors     weight lanes / vectors   accumulator lanes / vectors
//   OS         row_dim / C,R,S          K / C,R,S                K / row_dim
//   WS         C / N,P,Q                K / C                    K / N,P,Q
#pragma once

#include <array>
#include <cstdint>

#include "mapping/mapping.hpp"

namespace codesign::mapping {

enum class Tensor : std::uint8_t { kInput, kWeight, kOutput };
inline constexpr int kNumTensors = 3;

// Whether a tensor's elements vary along a loop.
inline constexpr bool depends_on(Tensor t, Dim d) {
  switch (t) {
    case Tensor::kInput:
      return d != Dim::kK;
    case Tensor::kWeight:
      return d == Dim::kG || d == Dim::kK || d == Dim::kC || d == Dim::kR || d == Dim::kS;
    case Tensor::kOutput:
      return !is_reduction(d);
  }
  return false;
}

// Whether consecutive vectors of a block step along loop d (see the table above).
bool is_vector_dim(arch::Dataflow df, Dim row_dim, Tensor t, Dim d);

// Loops along which one block of a tensor needs a LOAD/STORE command per index (bit
// 1 << index(d) per loop); the block's other loops are covered by one command, because its
// vectors are evenly spaced in DRAM along them. Shared by the compiler and the model.
//   OS input   R, S; S merges when the block holds every channel (one group, no dilation).
//   OS weight  R, S; S merges when the block holds every channel, R too if also every S.
//   WS input   N, P; P merges when a block row spans the padded width (S = 1, stride 1),
//              N too if the block also spans the padded height.
//   WS output  N, P; P merges when a block row spans Q, N too if the block spans P.
//   OS output  none (a block is one run of pixels along row_dim).
unsigned command_loops(const Layer& l, const Mapping& m, Tensor t);

struct Tiling {
  DimArray bound{};           // loop bounds
  DimArray dram_tiles{};      // on-chip tiles per loop: tiles(bound, buffer_tile)
  DimArray compute_blocks{};  // compute blocks per loop in a full on-chip tile
  std::array<std::int64_t, kNumTensors> block_vectors{};  // vectors of one full block
  std::array<std::int64_t, kNumTensors> tile_vectors{};   // vectors of one full on-chip tile
};

// Assumes 1 <= compute_tile <= buffer_tile (validity checks that first).
Tiling tiling_of(const Layer& l, const Mapping& m);

// Buffer vectors one tile of tensor t may use: its buffer's entries, or half of them with
// double buffering (half h then starts at entry h * entries / 2).
int tile_entries(const arch::BuildConfig& b, Tensor t, bool double_buffer);
// The first tensor whose tile does not fit in tile_entries, or -1 if every tile fits.
int overfull_tensor(const arch::BuildConfig& b, const Tiling& t, bool double_buffer);

}  // namespace codesign::mapping
