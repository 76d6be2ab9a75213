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

unsigned command_loops(const Layer& l, const Mapping& m, Tensor t) {
  auto bit = [](Dim d) { return 1u << index(d); };
  auto whole = [&](Dim d, int extent) { return m.compute_tile[index(d)] == extent; };
  if (m.dataflow == arch::Dataflow::kOutputStationary) {
    if (t == Tensor::kOutput) return 0;
    const bool all_channels = whole(Dim::kC, l.c_per_group());
    if (t == Tensor::kInput)
      return bit(Dim::kR) | (all_channels && l.groups == 1 && l.dilation == 1 ? 0 : bit(Dim::kS));
    if (!all_channels) return bit(Dim::kR) | bit(Dim::kS);
    return whole(Dim::kS, l.s) ? 0 : bit(Dim::kR);
  }
  if (t == Tensor::kWeight) return 0;
  // Rows of pixels continue into the next row when a block row spans the whole row.
  const bool input = t == Tensor::kInput;
  const bool rows =
      input ? l.s == 1 && l.stride == 1 && whole(Dim::kQ, l.padded_w()) : whole(Dim::kQ, l.q());
  const bool images =
      rows && (input ? l.r == 1 && whole(Dim::kP, l.padded_h()) : whole(Dim::kP, l.p()));
  return (images ? 0 : bit(Dim::kN)) | (rows ? 0 : bit(Dim::kP));
}

Tiling tiling_of(const Layer& l, const Mapping& m) {
  Tiling t;
  t.bound = bounds_of(l, m);
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

int tile_entries(const arch::BuildConfig& b, Tensor t, bool double_buffer) {
  const int entries = t == Tensor::kInput    ? b.input_entries()
                      : t == Tensor::kWeight ? b.weight_entries()
                                             : b.acc_entries();
  return double_buffer ? entries / 2 : entries;
}

int overfull_tensor(const arch::BuildConfig& b, const Tiling& t, bool double_buffer) {
  for (int i = 0; i < kNumTensors; ++i)
    if (t.tile_vectors[i] > tile_entries(b, static_cast<Tensor>(i), double_buffer)) return i;
  return -1;
}

}  // namespace codesign::mapping
