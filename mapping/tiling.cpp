#include "mapping/tiling.hpp"

namespace codesign::mapping {

bool is_vector_dim(arch::Dataflow df, Dim row_dim, Tensor t, Dim d) {
  if (df == arch::Dataflow::kOutputStationary) {
    if (t == Tensor::kOutput) return d == row_dim;
    return is_reduction(d);
  }
  if (t == Tensor::kWeight) return d == Dim::kC;
  return d == Dim::kN || d == Dim::kP || d == Dim::kQ;
}

Tiling tiling_of(const Layer& l, const Mapping& m) {
  Tiling t;
  t.bound = bounds_of(l);
  for (Dim d : kAllDims) {
    const int i = index(d);
    t.dram_tiles[i] = tiles(t.bound[i], m.buffer_tile[i]);
    t.compute_blocks[i] = tiles(m.buffer_tile[i], m.compute_tile[i]);
  }
  for (int ti = 0; ti < kNumTensors; ++ti) {
    const auto tensor = static_cast<Tensor>(ti);
    std::int64_t block = 1, blocks = 1;
    for (Dim d : kAllDims) {
      if (!depends_on(tensor, d)) continue;
      if (is_vector_dim(m.dataflow, m.row_dim, tensor, d)) block *= m.compute_tile[index(d)];
      blocks *= t.compute_blocks[index(d)];
    }
    t.block_vectors[ti] = block;
    t.tile_vectors[ti] = block * blocks;
  }
  return t;
}

}  // namespace codesign::mapping
