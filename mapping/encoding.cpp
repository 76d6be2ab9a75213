#include "mapping/encoding.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

namespace codesign::mapping {

namespace {

constexpr int kFirstCompute = 3, kFirstBuffer = 11, kFirstDram = 19, kFirstBufferOrder = 27;
// Row loops; values 4 and 5 are Q and C flattened (mapping.hpp).
const Dim kRowDims[] = {Dim::kN, Dim::kP, Dim::kQ, Dim::kC, Dim::kQ, Dim::kC};

DimOrder order_from_priorities(const std::vector<double>& x, int first) {
  DimOrder o = kAllDims;
  std::stable_sort(o.begin(), o.end(),
                   [&](Dim a, Dim b) { return x[first + index(a)] < x[first + index(b)]; });
  return o;
}

}  // namespace

MappingEncoding::MappingEncoding(const Mapspace& space) : space_(space) {
  params_.push_back({"dataflow", ParamKind::kCategorical, 0, 1});
  params_.push_back({"row_dim", ParamKind::kCategorical, 0, 5});
  params_.push_back({"double_buffer", ParamKind::kCategorical, 0, 1});
  for (const char* level : {"compute_tile", "buffer_tile"})
    for (Dim d : kAllDims)
      params_.push_back({std::string(level) + "." + to_string(d), ParamKind::kLogInteger, 1,
                         space.bounds()[index(d)]});
  for (const char* level : {"dram_priority", "buffer_priority"})
    for (Dim d : kAllDims)
      params_.push_back(
          {std::string(level) + "." + to_string(d), ParamKind::kInteger, 0, kNumDims - 1});
}

std::vector<double> MappingEncoding::encode(const Mapping& m) const {
  std::vector<double> x(params_.size());
  x[0] = static_cast<double>(m.dataflow);
  x[1] = static_cast<double>(std::find(std::begin(kRowDims), std::end(kRowDims), m.row_dim) -
                             std::begin(kRowDims)) +
         (m.flatten ? 2 : 0);
  x[2] = m.double_buffer ? 1 : 0;
  for (int i = 0; i < kNumDims; ++i) {
    x[kFirstCompute + i] = m.compute_tile[i];
    x[kFirstBuffer + i] = m.buffer_tile[i];
  }
  for (int pos = 0; pos < kNumDims; ++pos) {
    x[kFirstDram + index(m.dram_order[pos])] = pos;
    x[kFirstBufferOrder + index(m.buffer_order[pos])] = pos;
  }
  return x;
}

Mapping MappingEncoding::decode(const std::vector<double>& raw) const {
  std::vector<double> x(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i)
    x[i] = std::clamp(std::round(i < raw.size() ? raw[i] : 0.0), double(params_[i].lo),
                      double(params_[i].hi));
  Mapping m;
  m.dataflow = x[0] > 0 ? arch::Dataflow::kWeightStationary : arch::Dataflow::kOutputStationary;
  m.row_dim = kRowDims[static_cast<int>(x[1])];
  m.flatten = x[1] >= 4;
  m.double_buffer = x[2] > 0;
  for (int i = 0; i < kNumDims; ++i) {
    m.compute_tile[i] = static_cast<int>(x[kFirstCompute + i]);
    m.buffer_tile[i] = static_cast<int>(x[kFirstBuffer + i]);
  }
  m.dram_order = order_from_priorities(x, kFirstDram);
  m.buffer_order = order_from_priorities(x, kFirstBufferOrder);
  return m;
}

bool MappingEncoding::valid(const std::vector<double>& x) const {
  return is_valid(space_.build(), space_.layer(), decode(x));
}

std::vector<double> MappingEncoding::sample(std::mt19937_64& rng) const {
  return encode(space_.sample(rng));
}

const std::vector<std::string>& MappingEncoding::feature_names() {
  static const std::vector<std::string> names = {
      "weight_stationary", "double_buffer",      "log2_dram_tiles",
      "log2_computes",     "log2_streamed",      "array_utilisation",
      "input_buffer_fill", "weight_buffer_fill", "accumulator_fill"};
  return names;
}

std::vector<double> MappingEncoding::features(const std::vector<double>& x) const {
  const Mapping m = decode(x);
  const arch::BuildConfig& b = space_.build();
  const Tiling t = tiling_of(space_.layer(), m);
  double dram_tiles = 1, computes = 1, streamed = 1;
  for (Dim d : kAllDims) {
    const int i = index(d);
    dram_tiles *= t.dram_tiles[i];
    computes *= tiles(t.bound[i], m.compute_tile[i]);
    if (is_vector_dim(m.dataflow, m.row_dim, Tensor::kInput, d)) streamed *= m.compute_tile[i];
  }
  const double utilisation = static_cast<double>(m.compute_tile[index(m.row_dim)]) / b.rows *
                             m.compute_tile[index(Dim::kK)] / b.cols;
  std::vector<double> f = {m.dataflow == arch::Dataflow::kWeightStationary ? 1.0 : 0.0,
                           m.double_buffer ? 1.0 : 0.0,
                           std::log2(dram_tiles),
                           std::log2(computes),
                           std::log2(streamed),
                           utilisation};
  for (int i = 0; i < kNumTensors; ++i)
    f.push_back(static_cast<double>(t.tile_vectors[i]) /
                tile_entries(b, static_cast<Tensor>(i), m.double_buffer));
  return f;
}

double marginal_distance(const MappingEncoding& e, const std::vector<std::vector<double>>& a,
                         const std::vector<std::vector<double>>& b) {
  if (a.empty() || b.empty()) return 1.0;
  const auto& params = e.params();
  double total = 0;
  for (std::size_t p = 0; p < params.size(); ++p) {
    auto bin = [&](double v) {
      return params[p].kind == ParamKind::kLogInteger ? static_cast<int>(std::floor(std::log2(v)))
                                                      : static_cast<int>(v);
    };
    std::map<int, double> diff;
    for (const auto& x : a) diff[bin(x[p])] += 1.0 / static_cast<double>(a.size());
    for (const auto& x : b) diff[bin(x[p])] -= 1.0 / static_cast<double>(b.size());
    double tv = 0;
    for (const auto& [key, d] : diff) tv += std::abs(d);
    total += tv / 2;
  }
  return total / static_cast<double>(params.size());
}

}  // namespace codesign::mapping
