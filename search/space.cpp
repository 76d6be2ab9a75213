#include "search/space.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace codesign::search {
namespace {

[[noreturn]] void bad_param(const std::string& name, const std::string& what) {
  throw std::invalid_argument("parameter '" + name + "': " + what);
}

bool is_power_of_two(long v) { return v >= 1 && (v & (v - 1)) == 0; }

// Position of a legal value in [0,1] along the parameter's natural axis.
double to_unit(const Parameter& p, double v) {
  switch (p.type) {
    case ParamType::kReal:
    case ParamType::kInteger:
      return p.hi > p.lo ? (v - p.lo) / (p.hi - p.lo) : 0.0;
    case ParamType::kLogInteger:
    case ParamType::kPowerOfTwo:
      return p.hi > p.lo ? std::log(v / p.lo) / std::log(p.hi / p.lo) : 0.0;
    case ParamType::kOrdinal: {
      auto it = std::lower_bound(p.values.begin(), p.values.end(), v);
      double rank = static_cast<double>(it - p.values.begin());
      return p.values.size() > 1 ? rank / static_cast<double>(p.values.size() - 1) : 0.0;
    }
    case ParamType::kCategorical:
      break;
  }
  throw std::logic_error("to_unit: categorical parameters have no axis");
}

// Inverse of to_unit, snapped to the nearest legal value.
double from_unit(const Parameter& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  switch (p.type) {
    case ParamType::kReal:
    case ParamType::kInteger:
      return p.snap(p.lo + u * (p.hi - p.lo));
    case ParamType::kLogInteger:
    case ParamType::kPowerOfTwo:
      return p.snap(p.lo * std::pow(p.hi / p.lo, u));
    case ParamType::kOrdinal: {
      auto i = static_cast<std::size_t>(std::lround(u * static_cast<double>(p.values.size() - 1)));
      return p.values[i];
    }
    case ParamType::kCategorical:
      break;
  }
  throw std::logic_error("from_unit: categorical parameters have no axis");
}

// The legal value one grid step from v in direction dir (±1), bouncing off the bounds.
double grid_step(const Parameter& p, double v, int dir) {
  auto step = [&](int d) {
    switch (p.type) {
      case ParamType::kPowerOfTwo:
        return p.snap(d > 0 ? v * 2 : v / 2);
      case ParamType::kOrdinal:
        if (p.values.size() < 2) return v;
        return from_unit(p, to_unit(p, v) + d / static_cast<double>(p.values.size() - 1));
      default:
        return p.snap(v + d);
    }
  };
  double moved = step(dir);
  return moved != v ? moved : step(-dir);
}

}  // namespace

Parameter Parameter::real(std::string name, double lo, double hi) {
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) bad_param(name, "need finite lo < hi");
  return {std::move(name), ParamType::kReal, lo, hi, {}, {}};
}

Parameter Parameter::integer(std::string name, long lo, long hi) {
  if (lo > hi) bad_param(name, "need lo <= hi");
  return {std::move(name), ParamType::kInteger, double(lo), double(hi), {}, {}};
}

Parameter Parameter::log_integer(std::string name, long lo, long hi) {
  if (lo < 1 || lo > hi) bad_param(name, "log-integer needs 1 <= lo <= hi");
  return {std::move(name), ParamType::kLogInteger, double(lo), double(hi), {}, {}};
}

Parameter Parameter::power_of_two(std::string name, long lo, long hi) {
  if (!is_power_of_two(lo) || !is_power_of_two(hi) || lo > hi) {
    bad_param(name, "power-of-two needs lo <= hi, both powers of two");
  }
  return {std::move(name), ParamType::kPowerOfTwo, double(lo), double(hi), {}, {}};
}

Parameter Parameter::ordinal(std::string name, std::vector<double> values) {
  if (values.empty()) bad_param(name, "ordinal needs at least one value");
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (!(values[i - 1] < values[i])) bad_param(name, "ordinal values must strictly increase");
  }
  double lo = values.front(), hi = values.back();
  return {std::move(name), ParamType::kOrdinal, lo, hi, std::move(values), {}};
}

Parameter Parameter::categorical(std::string name, std::vector<std::string> choices) {
  if (choices.empty()) bad_param(name, "categorical needs at least one choice");
  if (std::set<std::string>(choices.begin(), choices.end()).size() != choices.size()) {
    bad_param(name, "categorical choices must be distinct");
  }
  double hi = double(choices.size() - 1);
  return {std::move(name), ParamType::kCategorical, 0.0, hi, {}, std::move(choices)};
}

std::size_t Parameter::encoded_size() const {
  return type == ParamType::kCategorical ? choices.size() : 1;
}

double Parameter::snap(double v) const {
  if (std::isnan(v)) return lo;
  switch (type) {
    case ParamType::kReal:
      return std::clamp(v, lo, hi);
    case ParamType::kInteger:
    case ParamType::kLogInteger:
    case ParamType::kCategorical:
      return std::clamp(std::round(v), lo, hi);
    case ParamType::kPowerOfTwo:
      return std::exp2(
          std::clamp(std::round(std::log2(std::max(v, 0.5))), std::log2(lo), std::log2(hi)));
    case ParamType::kOrdinal: {
      auto it = std::lower_bound(values.begin(), values.end(), v);
      if (it == values.end()) return values.back();
      if (it == values.begin() || *it - v < v - *(it - 1)) return *it;
      return *(it - 1);
    }
  }
  return v;
}

bool Parameter::is_legal(double v) const { return std::isfinite(v) && snap(v) == v; }

Space& Space::add(Parameter p) {
  if (p.name.empty()) throw std::invalid_argument("parameter needs a name");
  for (const auto& q : params_) {
    if (q.name == p.name) bad_param(p.name, "duplicate name");
  }
  params_.push_back(std::move(p));
  return *this;
}

Space& Space::constrain(Predicate known) {
  if (!known) throw std::invalid_argument("constrain: empty predicate");
  constraints_.push_back(std::move(known));
  return *this;
}

Space& Space::with_sampler(Sampler sampler) {
  sampler_ = std::move(sampler);
  return *this;
}

Space& Space::with_max_rejections(std::size_t n) {
  if (n == 0) throw std::invalid_argument("with_max_rejections: need at least one draw");
  max_rejections_ = n;
  return *this;
}

void Space::check_size(const Point& x) const {
  if (x.size() != params_.size()) {
    throw std::invalid_argument("point has " + std::to_string(x.size()) + " values, space has " +
                                std::to_string(params_.size()) + " parameters");
  }
}

bool Space::contains(const Point& x) const {
  if (x.size() != params_.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!params_[i].is_legal(x[i])) return false;
  }
  return true;
}

bool Space::feasible(const Point& x) const {
  if (!contains(x)) return false;
  return std::all_of(constraints_.begin(), constraints_.end(),
                     [&](const Predicate& c) { return c(x); });
}

Point Space::sample_box(std::mt19937_64& rng) const {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Point x(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    const Parameter& p = params_[i];
    switch (p.type) {
      case ParamType::kReal:
      case ParamType::kLogInteger:
        x[i] = from_unit(p, unit(rng));
        break;
      case ParamType::kInteger:
      case ParamType::kCategorical:
        x[i] = double(std::uniform_int_distribution<long>(long(p.lo), long(p.hi))(rng));
        break;
      case ParamType::kPowerOfTwo:
        x[i] = std::exp2(double(
            std::uniform_int_distribution<int>(int(std::log2(p.lo)), int(std::log2(p.hi)))(rng)));
        break;
      case ParamType::kOrdinal:
        x[i] = p.values[std::uniform_int_distribution<std::size_t>(0, p.values.size() - 1)(rng)];
        break;
    }
  }
  return x;
}

Point Space::sample(std::mt19937_64& rng) const {
  if (params_.empty()) throw std::logic_error("sample: the space has no parameters");
  if (sampler_) {
    Point x = sampler_(rng);
    if (!feasible(x)) {
      throw std::runtime_error("the user's sampler returned a point outside the feasible space: " +
                               describe(x));
    }
    return x;
  }
  for (std::size_t n = 0; n < max_rejections_; ++n) {
    Point x = sample_box(rng);
    if (feasible(x)) return x;
  }
  throw std::runtime_error("no point satisfying the known constraints found in " +
                           std::to_string(max_rejections_) +
                           " box samples; supply a constructive sampler (Space::with_sampler)");
}

Point Space::neighbour(const Point& x, std::mt19937_64& rng, double scale) const {
  check_size(x);
  if (!(scale > 0)) throw std::invalid_argument("neighbour: step scale must be positive");
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> gauss(0.0, scale);
  const double p_move = 1.0 / double(params_.size());
  std::size_t forced = std::uniform_int_distribution<std::size_t>(0, params_.size() - 1)(rng);
  Point y = x;
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (i != forced && unit(rng) >= p_move) continue;
    const Parameter& p = params_[i];
    if (p.type == ParamType::kCategorical) {
      if (p.choices.size() < 2) continue;
      auto other = std::uniform_int_distribution<long>(0, long(p.choices.size()) - 2)(rng);
      y[i] = double(other >= long(x[i]) ? other + 1 : other);
      continue;
    }
    double step = gauss(rng);
    y[i] = from_unit(p, to_unit(p, x[i]) + step);
    // A discrete value that rounds back onto itself still moves one grid step.
    if (y[i] == x[i] && p.type != ParamType::kReal) y[i] = grid_step(p, x[i], step >= 0 ? 1 : -1);
  }
  return y;
}

std::size_t Space::encoded_size() const {
  std::size_t n = 0;
  for (const auto& p : params_) n += p.encoded_size();
  return n;
}

std::vector<double> Space::encode(const Point& x) const {
  check_size(x);
  std::vector<double> z;
  z.reserve(encoded_size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    const Parameter& p = params_[i];
    if (p.type == ParamType::kCategorical) {
      for (std::size_t c = 0; c < p.choices.size(); ++c) z.push_back(double(c) == x[i] ? 1 : 0);
    } else {
      z.push_back(to_unit(p, x[i]));
    }
  }
  return z;
}

std::string Space::describe(const Point& x) const {
  std::ostringstream out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i) out << ", ";
    if (i >= params_.size()) {
      out << "?=" << x[i];
      continue;
    }
    const Parameter& p = params_[i];
    out << p.name << '=';
    if (p.type == ParamType::kCategorical && p.is_legal(x[i])) {
      out << p.choices[std::size_t(x[i])];
    } else {
      out << x[i];
    }
  }
  return out.str();
}

}  // namespace codesign::search
