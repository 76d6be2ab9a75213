// Every mapping of a small layer, for checking a mapper against the true optimum: each
// dataflow and row loop (flattened ones included), with and without double buffering, every compute
// tile and every on-chip tile (not only multiples), and every order of the loops that can matter —
// at DRAM level those with more than one on-chip tile, in the buffer those with more than one
// compute block. A loop with one iteration never advances, so where it sits in an order
// changes nothing; it keeps its place after the permuted ones.
#pragma once

#include <algorithm>
#include <vector>

#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

namespace codesign::tests {

namespace detail {

// The order with `moving` first (as given) and every other loop after it, in Dim order.
inline mapping::DimOrder order_of(const std::vector<mapping::Dim>& moving) {
  mapping::DimOrder o{};
  std::size_t pos = 0;
  for (mapping::Dim d : moving) o[pos++] = d;
  for (mapping::Dim d : mapping::kAllDims)
    if (std::find(moving.begin(), moving.end(), d) == moving.end()) o[pos++] = d;
  return o;
}

template <typename F>
void for_each_order(const arch::BuildConfig& b, const mapping::Layer& l, mapping::Mapping m, F& f) {
  const mapping::Tiling t = mapping::tiling_of(l, m);
  std::vector<mapping::Dim> dram, buffer;
  for (mapping::Dim d : mapping::kAllDims) {
    if (t.dram_tiles[mapping::index(d)] > 1) dram.push_back(d);
    if (t.compute_blocks[mapping::index(d)] > 1) buffer.push_back(d);
  }
  std::sort(dram.begin(), dram.end());
  do {
    m.dram_order = order_of(dram);
    std::sort(buffer.begin(), buffer.end());
    do {
      m.buffer_order = order_of(buffer);
      if (mapping::is_valid(b, l, m)) f(m);
    } while (std::next_permutation(buffer.begin(), buffer.end()));
  } while (std::next_permutation(dram.begin(), dram.end()));
}

// Tiles of loop `i` onwards, then the orders.
template <typename F>
void for_each_tiling(const arch::BuildConfig& b, const mapping::Layer& l, mapping::Mapping& m,
                     int i, F& f) {
  using mapping::Dim;
  if (i == mapping::kNumDims) {
    // Capacity and the ISA's limits do not depend on the orders: check them once.
    if (mapping::overfull_tensor(b, mapping::tiling_of(l, m), m.double_buffer) < 0)
      for_each_order(b, l, m, f);
    return;
  }
  const Dim d = mapping::kAllDims[i];
  const int bound = mapping::bounds_of(l, m)[i];
  int most = 1;
  if (d == m.row_dim)
    most = std::min(b.rows, bound);
  else if (d == m.col_dim)
    most = std::min(b.cols, bound);
  else if (mapping::is_vector_dim(m.dataflow, m.row_dim, mapping::Tensor::kInput, d))
    most = bound;
  for (int c = 1; c <= most; ++c)
    for (int t = c; t <= bound; ++t) {
      m.compute_tile[i] = c;
      m.buffer_tile[i] = t;
      for_each_tiling(b, l, m, i + 1, f);
    }
}

}  // namespace detail

// Calls f(mapping) for every valid mapping of `l` on `b`, up to orders that cannot matter.
template <typename F>
void for_each_mapping(const arch::BuildConfig& b, const mapping::Layer& l, F&& f) {
  using mapping::Dim;
  for (auto df : {arch::Dataflow::kOutputStationary, arch::Dataflow::kWeightStationary}) {
    if (!b.supports(df)) continue;
    const bool os = df == arch::Dataflow::kOutputStationary;
    const std::vector<Dim> rows =
        os ? std::vector<Dim>{Dim::kN, Dim::kP, Dim::kQ} : std::vector<Dim>{Dim::kC};
    for (Dim row : rows)
      for (bool flatten : {false, true}) {
        if (flatten && (row != (os ? Dim::kQ : Dim::kC) || !mapping::flatten_reason(l, df).empty()))
          continue;
        for (bool db : {false, true}) {
          mapping::Mapping m;
          m.dataflow = df;
          m.row_dim = row;
          m.flatten = flatten;
          m.double_buffer = db;
          detail::for_each_tiling(b, l, m, 0, f);
        }
      }
  }
}

}  // namespace codesign::tests
