// A typed, mixed search space with known constraints: what may be proposed, how to sample
// it, how to move locally in it, and how to encode a point for a continuous surrogate.
#pragma once

#include <cstddef>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace codesign::search {

// A point holds one value per parameter in natural units (an integer's value, an ordinal's
// value, a power of two itself); a categorical parameter holds the index of its choice.
using Point = std::vector<double>;
using Predicate = std::function<bool(const Point&)>;
using Sampler = std::function<Point(std::mt19937_64&)>;

enum class ParamType { kReal, kInteger, kLogInteger, kPowerOfTwo, kOrdinal, kCategorical };

struct Parameter {
  std::string name;
  ParamType type = ParamType::kReal;
  double lo = 0.0;  // bounds, inclusive (numeric types)
  double hi = 1.0;
  std::vector<double> values;        // ordinal: increasing values
  std::vector<std::string> choices;  // categorical: unordered labels

  static Parameter real(std::string name, double lo, double hi);
  static Parameter integer(std::string name, long lo, long hi);
  static Parameter log_integer(std::string name, long lo, long hi);
  static Parameter power_of_two(std::string name, long lo, long hi);
  static Parameter ordinal(std::string name, std::vector<double> values);
  static Parameter categorical(std::string name, std::vector<std::string> choices);

  // Columns this parameter takes in the encoding: k for a k-way categorical, else 1.
  std::size_t encoded_size() const;
  // The nearest legal value to v (rounded, clamped, snapped to the grid).
  double snap(double v) const;
  bool is_legal(double v) const;
};

class Space {
 public:
  // How many box draws the default rejection sampler makes before giving up.
  static constexpr std::size_t kDefaultMaxRejections = 100000;

  Space& add(Parameter p);
  // Adds a known constraint; a point must satisfy all of them. Checked before proposing.
  Space& constrain(Predicate known);
  // Replaces rejection sampling by a user's constructive sampler of feasible points.
  Space& with_sampler(Sampler sampler);
  Space& with_max_rejections(std::size_t n);

  std::size_t size() const { return params_.size(); }
  const Parameter& param(std::size_t i) const { return params_.at(i); }

  // In the box and on every parameter's grid.
  bool contains(const Point& x) const;
  // contains() and every known constraint holds.
  bool feasible(const Point& x) const;

  // A uniformly drawn point of the box (per parameter: uniform, log-uniform for log types),
  // ignoring known constraints.
  Point sample_box(std::mt19937_64& rng) const;
  // A point satisfying the known constraints: the user's sampler (checked), or rejection
  // sampling from the box; throws std::runtime_error when none is found.
  Point sample(std::mt19937_64& rng) const;
  // A local move: each parameter changes with probability 1/size() (at least one does);
  // numeric ones by a Gaussian step of `scale` in the encoded [0,1] range, categorical ones
  // to another choice. The result is in the box but may violate known constraints.
  Point neighbour(const Point& x, std::mt19937_64& rng, double scale) const;

  // Encoding for a continuous surrogate: every numeric parameter to [0,1] (log scale for
  // log-integer and power-of-two, rank for ordinal), categoricals one-hot.
  std::size_t encoded_size() const;
  std::vector<double> encode(const Point& x) const;

  // "rows=16, dataflow=ws" for messages and reports.
  std::string describe(const Point& x) const;

 private:
  void check_size(const Point& x) const;

  std::vector<Parameter> params_;
  std::vector<Predicate> constraints_;
  Sampler sampler_;
  std::size_t max_rejections_ = kDefaultMaxRejections;
};

}  // namespace codesign::search
