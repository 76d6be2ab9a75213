#include "search/codesign/mapping_moves.hpp"

#include <algorithm>
#include <optional>

#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

namespace codesign::search {

namespace {

using mapping::Dim;
using mapping::Mapping;

// Values in [1, most] other than `current` worth trying: all of them when few; else 1,
// the powers of two, even splits of `most` into up to 8 parts, `most`, current ± 1.
std::vector<int> telling_values(int most, int current) {
  std::vector<int> v;
  if (most <= 12) {
    for (int i = 1; i <= most; ++i) v.push_back(i);
  } else {
    for (int p = 1; p <= most; p *= 2) v.push_back(p);
    for (int parts = 1; parts <= 8; ++parts) v.push_back(mapping::tiles(most, parts));
    v.push_back(current - 1);
    v.push_back(current + 1);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  v.erase(
      std::remove_if(v.begin(), v.end(), [&](int x) { return x < 1 || x > most || x == current; }),
      v.end());
  return v;
}

// Largest compute tile loop `d` may have under `m`'s dataflow and row loop.
int compute_limit(const arch::BuildConfig& b, const Mapping& m, Dim d, int bound) {
  if (d == m.row_dim) return std::min(b.rows, bound);
  if (d == m.col_dim) return std::min(b.cols, bound);
  if (mapping::is_vector_dim(m.dataflow, m.row_dim, mapping::Tensor::kInput, d)) return bound;
  return 1;
}

bool fits(const arch::BuildConfig& b, const mapping::Layer& l, const Mapping& m) {
  return mapping::overfull_tensor(b, mapping::tiling_of(l, m), m.double_buffer) < 0;
}

// `m` (whose tiles overflow a buffer) with loop `d`'s tiles shrunk until they fit: its
// on-chip tile in whole compute blocks first, then its compute tile too. Fitting is
// monotone in every tile, so the largest fitting value is found by bisection.
std::optional<Mapping> shrunk_to_fit(const arch::BuildConfig& b, const mapping::Layer& l, Mapping m,
                                     Dim d) {
  const int i = mapping::index(d);
  auto largest = [&](int hi, auto set) -> std::optional<Mapping> {
    int lo = 0;  // 0: nothing fits
    while (lo < hi) {
      const int mid = lo + (hi - lo + 1) / 2;
      set(m, mid);
      if (fits(b, l, m))
        lo = mid;
      else
        hi = mid - 1;
    }
    if (lo == 0) return std::nullopt;
    set(m, lo);
    return m;
  };
  const int c = m.compute_tile[i];
  if (m.buffer_tile[i] > c) {
    const int bound = mapping::bounds_of(l, m)[i];
    if (auto x = largest(mapping::tiles(m.buffer_tile[i], c) - 1,
                         [&](Mapping& y, int j) { y.buffer_tile[i] = std::min(bound, j * c); }))
      return x;
    m.buffer_tile[i] = c;
  }
  return largest(c - 1, [&](Mapping& y, int v) { y.compute_tile[i] = y.buffer_tile[i] = v; });
}

// The mapping with one loop moved within `order`, among the slots of the loops in `moving`.
void order_moves(const Mapping& m, mapping::DimOrder Mapping::*order,
                 const std::vector<bool>& moving, std::vector<Mapping>& out) {
  std::vector<int> slots;
  for (int pos = 0; pos < mapping::kNumDims; ++pos)
    if (moving[mapping::index((m.*order)[pos])]) slots.push_back(pos);
  const int n = static_cast<int>(slots.size());
  for (int from = 0; from < n; ++from)
    for (int to = 0; to < n; ++to) {
      if (to == from) continue;
      std::vector<Dim> seq;
      for (int s : slots) seq.push_back((m.*order)[s]);
      const Dim d = seq[from];
      seq.erase(seq.begin() + from);
      seq.insert(seq.begin() + to, d);
      Mapping x = m;
      for (int i = 0; i < n; ++i) (x.*order)[slots[i]] = seq[i];
      out.push_back(x);
    }
}

}  // namespace

std::vector<Mapping> neighbours(const arch::BuildConfig& b, const mapping::Layer& l,
                                const Mapping& m) {
  const mapping::DimArray bound = mapping::bounds_of(l, m);
  std::vector<Mapping> out;
  for (Dim d : mapping::kAllDims) {
    const int i = mapping::index(d), c = m.compute_tile[i], t = m.buffer_tile[i];
    // A compute tile alone (keeping its number of blocks on chip) or as the whole on-chip tile.
    for (int v : telling_values(compute_limit(b, m, d, bound[i]), c)) {
      Mapping x = m;
      x.compute_tile[i] = v;
      x.buffer_tile[i] = std::min(bound[i], mapping::tiles(t, c) * v);
      out.push_back(x);
      x.buffer_tile[i] = v;
      out.push_back(x);
    }
    // An on-chip tile: a number of compute blocks, or one element more or less.
    const int blocks = mapping::tiles(bound[i], c);
    for (int j : telling_values(blocks, mapping::tiles(t, c))) {
      Mapping x = m;
      x.buffer_tile[i] = std::min(bound[i], j * c);
      out.push_back(x);
    }
    for (int v : {t - 1, t + 1}) {
      Mapping x = m;
      x.buffer_tile[i] = std::clamp(v, c, bound[i]);
      out.push_back(x);
    }
  }

  Mapping toggled = m;
  toggled.double_buffer = !m.double_buffer;
  out.push_back(toggled);
  const mapping::Tiling tiling = mapping::tiling_of(l, m);
  std::vector<bool> dram_moving(mapping::kNumDims), buffer_moving(mapping::kNumDims);
  for (int i = 0; i < mapping::kNumDims; ++i) {
    dram_moving[i] = tiling.dram_tiles[i] > 1;
    buffer_moving[i] = tiling.compute_blocks[i] > 1;
  }
  order_moves(m, &Mapping::dram_order, dram_moving, out);
  order_moves(m, &Mapping::buffer_order, buffer_moving, out);

  if (m.dataflow == arch::Dataflow::kOutputStationary)
    for (Dim d : {Dim::kN, Dim::kP, Dim::kQ}) {
      const int i = mapping::index(d), old = mapping::index(m.row_dim);
      if (d == m.row_dim || bound[i] == 1) continue;
      Mapping x = m;
      x.row_dim = d;
      x.compute_tile[old] = 1;
      x.compute_tile[i] = std::min(b.rows, bound[i]);
      x.buffer_tile[i] = std::max(x.buffer_tile[i], x.compute_tile[i]);
      out.push_back(x);
    }

  // A move that overflows a buffer (a larger tile, halved buffers) is also tried with one
  // other loop's tiles shrunk to fit.
  const std::size_t moves = out.size();
  for (std::size_t k = 0; k < moves; ++k) {
    if (fits(b, l, out[k])) continue;
    for (Dim d : mapping::kAllDims)
      if (out[k].compute_tile[mapping::index(d)] == m.compute_tile[mapping::index(d)] &&
          out[k].buffer_tile[mapping::index(d)] == m.buffer_tile[mapping::index(d)])
        if (auto x = shrunk_to_fit(b, l, out[k], d)) out.push_back(*x);
  }

  std::vector<Mapping> valid;
  for (const Mapping& x : out)
    if (x != m && std::find(valid.begin(), valid.end(), x) == valid.end() &&
        mapping::is_valid(b, l, x))
      valid.push_back(x);
  return valid;
}

}  // namespace codesign::search
