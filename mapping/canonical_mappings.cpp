#include "mapping/canonical_mappings.hpp"

#include <algorithm>

#include "arch/isa.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

namespace codesign::mapping {

namespace {

using Dims = std::vector<Dim>;

bool fits(const arch::BuildConfig& b, const Layer& l, const Mapping& m) {
  return overfull_tensor(b, tiling_of(l, m), m.double_buffer) < 0;
}

// Largest v in [1, hi] for which set(m, v) fits (fits is monotone in every tile); 0 if
// even 1 does not fit. `m` is left with that value set (1 if none fits).
template <typename Set>
int grow(const arch::BuildConfig& b, const Layer& l, Mapping& m, int hi, Set&& set) {
  int lo = 0;
  while (lo < hi) {  // invariant: lo fits (0 stands for "nothing tried yet")
    const int mid = lo + (hi - lo + 1) / 2;
    set(m, mid);
    if (fits(b, l, m))
      lo = mid;
    else
      hi = mid - 1;
  }
  set(m, std::max(lo, 1));
  return lo;
}

// The output-pixel loops, `first` leading.
Dims pixels_from(Dim first) {
  Dims d{first};
  for (Dim p : {Dim::kQ, Dim::kP, Dim::kN})
    if (p != first) d.push_back(p);
  return d;
}

Dims concat(std::initializer_list<Dims> parts) {
  Dims out;
  for (const Dims& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// One canonical mapping: the spatial loops fill the array, the streamed loops grow in
// `stream` order (compute and on-chip tile together), then the on-chip tiles in `growth`
// order, each as large as the buffers allow given the tiles before it.
Mapping build(const arch::BuildConfig& b, const Layer& l, const Mapping& skeleton,
              const Dims& stream, const Dims& growth) {
  const DimArray bound = bounds_of(l, skeleton);
  Mapping m = skeleton;
  const bool os = m.dataflow == arch::Dataflow::kOutputStationary;
  auto compute = [](Dim d) {
    return [d](Mapping& x, int v) { x.compute_tile[index(d)] = x.buffer_tile[index(d)] = v; };
  };
  int row_max = std::min(b.rows, bound[index(m.row_dim)]);
  if (os && dram_layout_of(b, l).input_pixel_step(m.row_dim) > arch::kMaxElemStride) row_max = 1;
  grow(b, l, m, row_max, compute(m.row_dim));
  grow(b, l, m, std::min(b.cols, bound[index(Dim::kK)]), compute(Dim::kK));
  std::int64_t streamed = 1;
  for (Dim d : stream) {
    const int isa_max = static_cast<int>(arch::kMaxCount / streamed);
    streamed *= std::max(1, grow(b, l, m, std::min(bound[index(d)], isa_max), compute(d)));
  }
  for (Dim d : growth) {
    const int i = index(d), t = m.compute_tile[i];
    grow(b, l, m, tiles(bound[i], t),
         [i, t, &bound](Mapping& x, int j) { x.buffer_tile[i] = std::min(j * t, bound[i]); });
  }
  return m;
}

}  // namespace

std::vector<Mapping> canonical_mappings(const arch::BuildConfig& b, const Layer& l) {
  const DimArray bound = bounds_of(l);
  // (dataflow, row loop, flattened) triples: output-stationary over the flattened output
  // pixels (when an image has more than one row) and over each pixel loop longer than one
  // (Q if none is), weight-stationary over the flattened reduction (when the filter is
  // larger than 1x1 and the layer allows it) and over input channels.
  struct Spatial {
    arch::Dataflow dataflow;
    Dim row;
    bool flatten;
  };
  std::vector<Spatial> spatial;
  const auto os = arch::Dataflow::kOutputStationary, ws = arch::Dataflow::kWeightStationary;
  if (b.supports(os)) {
    if (bound[index(Dim::kP)] > 1) spatial.push_back({os, Dim::kQ, true});
    for (Dim d : {Dim::kQ, Dim::kP, Dim::kN})
      if (bound[index(d)] > 1) spatial.push_back({os, d, false});
    if (spatial.empty()) spatial.push_back({os, Dim::kQ, false});
  }
  if (b.supports(ws)) {
    if (l.r * l.s > 1 && flatten_reason(l, ws).empty()) spatial.push_back({ws, Dim::kC, true});
    spatial.push_back({ws, Dim::kC, false});
  }

  const Dims reductions{Dim::kC, Dim::kR, Dim::kS};
  const Dims k{Dim::kK}, g{Dim::kG};
  std::vector<Mapping> out;
  for (int growth_kind = 0; growth_kind < 5; ++growth_kind)
    for (bool channels_outer : {true, false})
      for (bool double_buffer : {false, true})
        for (int stream_kind = 0; stream_kind < 2; ++stream_kind)
          for (const auto& [dataflow, row, flatten] : spatial) {
            const bool os = dataflow == arch::Dataflow::kOutputStationary;
            if (!os && stream_kind == 1) continue;  // one stream order (Q, P, N) under WS
            const Dims pixels = pixels_from(os ? row : Dim::kQ);
            const Dims stream = !os                ? pixels
                                : stream_kind == 0 ? Dims{Dim::kC, Dim::kR, Dim::kS}
                                                   : Dims{Dim::kR, Dim::kS, Dim::kC};
            const Dims growth[] = {
                concat({reductions, k, pixels, g}), concat({reductions, pixels, k, g}),
                concat({k, reductions, pixels, g}), concat({pixels, reductions, k, g}),
                concat({g, reductions, k, pixels})};
            Mapping m;
            m.dataflow = dataflow;
            m.row_dim = row;
            m.flatten = flatten;
            m.double_buffer = double_buffer;
            // Reductions innermost at DRAM level (partial sums stay on chip); under WS the
            // pixels innermost in the buffer, so consecutive COMPUTEs keep their weights.
            using D = Dim;
            if (channels_outer) {
              m.dram_order = {D::kG, D::kK, D::kN, D::kP, D::kQ, D::kC, D::kR, D::kS};
              m.buffer_order = {D::kG, D::kK, D::kC, D::kR, D::kS, D::kN, D::kP, D::kQ};
            } else {
              m.dram_order = {D::kG, D::kN, D::kP, D::kQ, D::kK, D::kC, D::kR, D::kS};
              m.buffer_order =
                  os ? DimOrder{D::kG, D::kN, D::kP, D::kQ, D::kK, D::kC, D::kR, D::kS}
                     : DimOrder{D::kG, D::kC, D::kR, D::kS, D::kK, D::kN, D::kP, D::kQ};
            }
            const Mapping c = build(b, l, m, stream, growth[growth_kind]);
            if (is_valid(b, l, c) && std::find(out.begin(), out.end(), c) == out.end())
              out.push_back(c);
          }
  return out;
}

}  // namespace codesign::mapping
