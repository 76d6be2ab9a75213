#include "mapping/mapspace.hpp"

#include <algorithm>
#include <cmath>

#include "arch/isa.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

namespace {

// The loops output-stationary can spread across rows (lanes of one LOAD must be evenly
// spaced in DRAM: pixels along one of N, P, Q).
constexpr Dim kOsRowDims[] = {Dim::kN, Dim::kP, Dim::kQ};

int uniform(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

DimOrder shuffled(DimOrder o, std::mt19937_64& rng) {
  std::shuffle(o.begin(), o.end(), rng);
  return o;
}

// Output loops in random order, then reduction loops in random order.
DimOrder reductions_inner(std::mt19937_64& rng) {
  DimOrder o = shuffled(kAllDims, rng);
  std::stable_partition(o.begin(), o.end(), [](Dim d) { return !is_reduction(d); });
  return o;
}

std::vector<arch::Dataflow> dataflows_of(const arch::BuildConfig& b) {
  std::vector<arch::Dataflow> d;
  for (auto df : {arch::Dataflow::kOutputStationary, arch::Dataflow::kWeightStationary})
    if (b.supports(df)) d.push_back(df);
  return d;
}

}  // namespace

Mapspace::Mapspace(const arch::BuildConfig& b, const Layer& l)
    : b_(b), l_(l), bounds_(bounds_of(l)) {
  // The widest bounds: flattened views included.
  for (const arch::Dataflow df : dataflows_of(b)) {
    if (!flatten_reason(l, df).empty()) continue;
    Mapping m;
    m.dataflow = df;
    m.flatten = true;
    const DimArray v = bounds_of(l, m);
    for (int i = 0; i < kNumDims; ++i) bounds_[i] = std::max(bounds_[i], v[i]);
  }
}

double Mapspace::log10_size() const {
  // Per loop: compute tile <= bound and on-chip tile in [compute, bound]: sum_t (B - t + 1).
  double log_size = std::log10(static_cast<double>(dataflows_of(b_).size()) * 3 * 2);
  for (int bound : bounds_) log_size += std::log10(0.5 * bound * (bound + 1.0));
  return log_size + 2 * std::log10(40320.0);  // two orders of 8 loops: 8! each
}

bool Mapspace::fits(const Mapping& m) const {
  return overfull_tensor(b_, tiling_of(l_, m), m.double_buffer) < 0;
}

template <typename Set>
int Mapspace::largest_fitting(Mapping m, int lo, int hi, Set&& set) const {
  set(m, lo);
  if (!fits(m)) return lo - 1;
  while (lo < hi) {  // invariant: lo fits
    const int mid = lo + (hi - lo + 1) / 2;
    set(m, mid);
    if (fits(m))
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

Mapping Mapspace::sample_skeleton(std::mt19937_64& rng) const {
  const std::vector<arch::Dataflow> dataflows = dataflows_of(b_);
  Mapping m;
  m.dataflow = dataflows[uniform(rng, 0, static_cast<int>(dataflows.size()) - 1)];
  m.double_buffer = uniform(rng, 0, 1) == 1;
  pick_row_loop(m, rng);
  m.dram_order = reductions_inner(rng);
  m.buffer_order = shuffled(kAllDims, rng);
  return m;
}

void Mapspace::pick_row_loop(Mapping& m, std::mt19937_64& rng) const {
  // Output-stationary: N, P, Q or the flattened output pixels; weight-stationary: C or the
  // flattened reduction.
  const bool os = m.dataflow == arch::Dataflow::kOutputStationary;
  const bool can_flatten = flatten_reason(l_, m.dataflow).empty();
  const int choice = uniform(rng, 0, os ? (can_flatten ? 3 : 2) : (can_flatten ? 1 : 0));
  m.row_dim = os ? kOsRowDims[std::min(choice, 2)] : Dim::kC;
  m.flatten = os ? choice == 3 : choice == 1;
}

Mapping Mapspace::sample(std::mt19937_64& rng) const {
  const DramLayout layout = dram_layout_of(b_, l_);
  for (int attempt = 0; attempt < 16; ++attempt) {
    Mapping m = sample_skeleton(rng);
    const DimArray bound = bounds_of(l_, m);  // this mapping's view
    const bool os = m.dataflow == arch::Dataflow::kOutputStationary;
    auto set_tile = [](Dim d) {
      return [d](Mapping& x, int v) { x.compute_tile[index(d)] = x.buffer_tile[index(d)] = v; };
    };
    // Spatial loops first: bounded by the array (and the ISA's lane stride for OS inputs).
    const int ri = index(m.row_dim), ki = index(Dim::kK);
    int row_max = std::min(b_.rows, bound[ri]);
    if (os && layout.input_pixel_step(m.row_dim) > arch::kMaxElemStride) row_max = 1;
    m.compute_tile[ri] = m.buffer_tile[ri] = uniform(rng, 1, row_max);
    m.compute_tile[ki] = m.buffer_tile[ki] = uniform(rng, 1, std::min(b_.cols, bound[ki]));
    if (!fits(m)) {
      // Shrink the spatial tiles to 1 before giving up on this dataflow.
      m.compute_tile[ri] = m.buffer_tile[ri] = m.compute_tile[ki] = m.buffer_tile[ki] = 1;
      if (!fits(m)) continue;
    }
    // Streamed loops of a COMPUTE, in random order, within the ISA's 16-bit count.
    DimOrder order = shuffled(kAllDims, rng);
    std::int64_t streamed = 1;
    for (Dim d : order) {
      if (!is_vector_dim(m.dataflow, m.row_dim, Tensor::kInput, d)) continue;
      const int isa_max = static_cast<int>(arch::kMaxCount / streamed);
      const int hi = largest_fitting(m, 1, std::min(bound[index(d)], isa_max), set_tile(d));
      const int v = uniform(rng, 1, hi);
      set_tile(d)(m, v);
      streamed *= v;
    }
    // On-chip tiles: a multiple of the compute tile, or the whole loop.
    order = shuffled(kAllDims, rng);
    for (Dim d : order) {
      const int i = index(d), t = m.compute_tile[i];
      const int most = largest_fitting(m, 1, tiles(bound[i], t), [&](Mapping& x, int j) {
        x.buffer_tile[i] = std::min(j * t, bound[i]);
      });
      m.buffer_tile[i] = std::min(uniform(rng, 1, most) * t, bound[i]);
    }
    if (is_valid(b_, l_, m)) return m;
  }
  // Rare: tight buffers defeated every draw; the smallest mapping still runs.
  for (const Mapping& m : smallest_mappings())
    if (is_valid(b_, l_, m)) return m;
  throw util::ConfigError("layer " + l_.name + ": no valid mapping on hardware " + b_.key() + ": " +
                          unmappable_reason());
}

std::vector<Mapping> Mapspace::smallest_mappings() const {
  std::vector<Mapping> out;
  for (const arch::Dataflow df : dataflows_of(b_)) {
    const bool os = df == arch::Dataflow::kOutputStationary;
    for (const Dim row : os ? std::vector<Dim>(std::begin(kOsRowDims), std::end(kOsRowDims))
                            : std::vector<Dim>{Dim::kC}) {
      Mapping m;
      m.dataflow = df;
      m.row_dim = row;
      m.dram_order = {Dim::kN, Dim::kG, Dim::kK, Dim::kP, Dim::kQ, Dim::kC, Dim::kR, Dim::kS};
      out.push_back(m);
    }
  }
  return out;
}

std::string Mapspace::unmappable_reason() const {
  // Distinct reasons, each with the dataflows it holds for.
  std::vector<std::pair<std::string, std::string>> reasons;
  for (const Mapping& m : smallest_mappings()) {
    const std::string why = check_mapping(b_, l_, m);
    if (why.empty()) return "";
    const std::string df = arch::to_string(m.dataflow);
    auto it =
        std::find_if(reasons.begin(), reasons.end(), [&](auto& r) { return r.second == why; });
    if (it == reasons.end())
      reasons.emplace_back(df, why);
    else if (it->first.find(df) == std::string::npos)
      it->first += "+" + df;
  }
  if (reasons.size() == 1) return reasons[0].second;  // the same for every dataflow
  std::string out;
  for (const auto& [df, why] : reasons) out += (out.empty() ? "" : "; ") + df + ": " + why;
  return out;
}

std::optional<Mapping> Mapspace::sample_by_rejection(std::mt19937_64& rng, int tries) const {
  for (int i = 0; i < tries; ++i) {
    Mapping m = sample_skeleton(rng);
    const DimArray bound = bounds_of(l_, m);  // this mapping's view
    for (Dim d : kAllDims) {
      const int j = index(d);
      int hi = 1;
      if (d == m.row_dim)
        hi = std::min(b_.rows, bound[j]);
      else if (d == m.col_dim)
        hi = std::min(b_.cols, bound[j]);
      else if (is_vector_dim(m.dataflow, m.row_dim, Tensor::kInput, d))
        hi = bound[j];
      m.compute_tile[j] = uniform(rng, 1, hi);
      m.buffer_tile[j] = uniform(rng, m.compute_tile[j], bound[j]);
    }
    if (is_valid(b_, l_, m)) return m;
  }
  return std::nullopt;
}

Mapping Mapspace::sample_unconstrained(std::mt19937_64& rng) const {
  const std::vector<arch::Dataflow> dataflows = dataflows_of(b_);
  Mapping m;
  m.dataflow = dataflows[uniform(rng, 0, static_cast<int>(dataflows.size()) - 1)];
  pick_row_loop(m, rng);
  const DimArray bound = bounds_of(l_, m);  // this mapping's view
  for (int i = 0; i < kNumDims; ++i) {
    m.compute_tile[i] = uniform(rng, 1, bound[i]);
    m.buffer_tile[i] = uniform(rng, m.compute_tile[i], bound[i]);
  }
  m.dram_order = shuffled(kAllDims, rng);
  m.buffer_order = shuffled(kAllDims, rng);
  m.double_buffer = uniform(rng, 0, 1) == 1;
  return m;
}

Mapping Mapspace::neighbour(const Mapping& m, std::mt19937_64& rng) const {
  Mapping x = m;
  const int i = uniform(rng, 0, kNumDims - 1);
  switch (uniform(rng, 0, 4)) {
    case 0:
    case 1: {  // resize a tile: double, halve or step by one
      const bool compute = uniform(rng, 0, 1) == 1;
      int& v = compute ? x.compute_tile[i] : x.buffer_tile[i];
      const int kind = uniform(rng, 0, 3);
      v = kind == 0 ? v * 2 : kind == 1 ? v / 2 : kind == 2 ? v + 1 : v - 1;
      v = std::clamp(v, 1, bounds_of(l_, x)[i]);
      if (compute)
        x.buffer_tile[i] = std::max(x.buffer_tile[i], v);
      else
        x.compute_tile[i] = std::min(x.compute_tile[i], v);
      break;
    }
    case 2: {  // swap two adjacent loops of one level
      DimOrder& o = uniform(rng, 0, 1) ? x.dram_order : x.buffer_order;
      const int j = uniform(rng, 0, kNumDims - 2);
      std::swap(o[j], o[j + 1]);
      break;
    }
    case 3:
      x.double_buffer = !x.double_buffer;
      break;
    default: {  // another row loop, flattened or not
      const Dim old = x.row_dim;
      pick_row_loop(x, rng);
      std::swap(x.compute_tile[index(x.row_dim)], x.compute_tile[index(old)]);
      const DimArray bounds = bounds_of(l_, x);
      for (int j = 0; j < kNumDims; ++j) {
        x.compute_tile[j] = std::min(x.compute_tile[j], bounds[j]);
        x.buffer_tile[j] = std::clamp(x.buffer_tile[j], x.compute_tile[j], bounds[j]);
      }
      break;
    }
  }
  return x;
}

Mapping Mapspace::valid_neighbour(const Mapping& m, std::mt19937_64& rng, int tries) const {
  for (int i = 0; i < tries; ++i) {
    Mapping x = neighbour(m, rng);
    if (x != m && is_valid(b_, l_, x)) return x;
  }
  return m;
}

}  // namespace codesign::mapping
