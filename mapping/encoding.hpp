// A flat numeric view of a layer's mapspace for a generic optimiser that knows nothing of
// accelerators: a vector of typed parameters, a decoder, a validity predicate and a
// sampler of valid points. Loop orders are encoded as one priority per loop (the loop with
// the smallest priority is outermost; ties go to the earlier loop).
#pragma once

#include <random>
#include <string>
#include <vector>

#include "mapping/mapspace.hpp"

namespace codesign::mapping {

enum class ParamKind { kCategorical, kInteger, kLogInteger };

struct ParamSpec {
  std::string name;
  ParamKind kind = ParamKind::kInteger;
  int lo = 0, hi = 0;  // inclusive; categorical values are 0 .. hi
};

class MappingEncoding {
 public:
  explicit MappingEncoding(const Mapspace& space);

  // Layout: dataflow, row_dim (N P Q C, then Q and C flattened), double_buffer,
  // compute_tile[8], buffer_tile[8],
  // dram_priority[8], buffer_priority[8].
  const std::vector<ParamSpec>& params() const { return params_; }
  std::vector<double> encode(const Mapping& m) const;
  // Rounds and clamps every value into its parameter's range first.
  Mapping decode(const std::vector<double>& x) const;
  bool valid(const std::vector<double>& x) const;
  std::vector<double> sample(std::mt19937_64& rng) const;

  // Domain-aware features of a point (after Spotlight): derived quantities a surrogate
  // model may learn from more easily than raw parameters. Names in feature_names().
  std::vector<double> features(const std::vector<double>& x) const;
  static const std::vector<std::string>& feature_names();

 private:
  Mapspace space_;  // a copy: an encoding outlives the space it was built from
  std::vector<ParamSpec> params_;
};

// Mean over parameters of the total-variation distance between the marginal histograms of
// two sets of encoded points (tiles binned by powers of two). 0: same marginals, 1: disjoint.
// Comparing the constructive sampler with rejection sampling (uniform over valid points)
// measures how far from uniform the constructive sampler is.
double marginal_distance(const MappingEncoding& e, const std::vector<std::vector<double>>& a,
                         const std::vector<std::vector<double>>& b);

}  // namespace codesign::mapping
