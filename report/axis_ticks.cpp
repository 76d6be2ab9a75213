#include "report/axis_ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace codesign::report {

namespace {

// The 1, 2 or 5 × 10^k nearest to `raw` (by ratio), so the tick count stays near its target.
double round_step(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double best = magnitude;
  for (const double m : {2.0, 5.0, 10.0})
    if (std::fabs(std::log(m * magnitude / raw)) < std::fabs(std::log(best / raw)))
      best = m * magnitude;
  return best;
}

// `v` as a tick `step` apart from its neighbours needs it: "12", "0.25", "3.25e-7" (plain
// decimals from 1e-4 to 1e6, else significant digits and an unpadded exponent).
std::string tick_label(double v, double step) {
  if (std::fabs(v) < step * 1e-6) v = 0;  // no "-0" or "1e-17" from rounding
  char buf[40];
  const double a = std::fabs(v);
  if (a < 1e6 && step >= 1e-4) {
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
  }
  if (v == 0) return "0";
  const int digits =
      static_cast<int>(std::floor(std::log10(a)) - std::floor(std::log10(step) + 1e-9)) + 1;
  std::snprintf(buf, sizeof buf, "%.*g", std::max(1, std::min(15, digits)), v);
  std::string s = buf;
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  std::size_t i = e + 1;
  const std::string sign = s[i] == '-' ? "-" : "";
  if (s[i] == '-' || s[i] == '+') ++i;
  while (i + 1 < s.size() && s[i] == '0') ++i;
  return s.substr(0, e) + "e" + sign + s.substr(i);
}

}  // namespace

Axis linear_axis(double lo, double hi, int target, bool integer) {
  if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi || target < 2)
    throw std::invalid_argument("linear_axis: need finite lo <= hi and at least 2 ticks");
  if (hi == lo) {
    const double d = integer || lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  double step = round_step((hi - lo) / target);
  if (integer) step = std::max(step, 1.0);
  const double first = std::floor(lo / step * (1 + 1e-12)),
               last = std::ceil(hi / step * (1 - 1e-12));
  Axis axis{first * step, last * step, {}};
  for (double i = first; i <= last; ++i)
    axis.ticks.push_back({i * step, tick_label(i * step, step)});
  return axis;
}

Axis log_axis(double lo, double hi, int target) {
  if (!(lo > 0) || !std::isfinite(hi) || lo > hi || target < 2)
    throw std::invalid_argument("log_axis: need finite 0 < lo <= hi and at least 2 ticks");
  if (hi == lo) {
    lo /= 1.25;
    hi *= 1.25;
  }
  const double l0 = std::log10(lo), l1 = std::log10(hi), eps = 1e-9;
  // Two or more decades inside: a tick every `stride` decades, the range out to the next ones.
  const int k0 = static_cast<int>(std::ceil(l0 - eps)), k1 = static_cast<int>(std::floor(l1 + eps));
  if (k1 - k0 + 1 >= 2) {
    const int stride = std::max(1, static_cast<int>(std::ceil(double(k1 - k0) / target)));
    const int first = static_cast<int>(std::floor(std::floor(l0 + eps) / stride)) * stride;
    const int last = static_cast<int>(std::ceil(std::ceil(l1 - eps) / stride)) * stride;
    Axis axis{std::pow(10.0, first), std::pow(10.0, last), {}};
    for (int k = first; k <= last; k += stride)
      axis.ticks.push_back({std::pow(10.0, k), "10^" + std::to_string(k)});
    return axis;
  }
  // Within about a decade: 1, 2 and 5 × 10^k if three or more of them fall inside.
  std::vector<double> inside;
  double below = 0, above = 0;
  for (int k = static_cast<int>(std::floor(l0)) - 1; k <= static_cast<int>(std::ceil(l1)); ++k)
    for (const double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, k);
      if (v < lo * (1 - eps))
        below = v;
      else if (v <= hi * (1 + eps))
        inside.push_back(v);
      else if (above == 0)
        above = v;
    }
  if (inside.size() >= 3) {
    Axis axis{inside.front() <= lo * (1 + eps) ? inside.front() : below,
              inside.back() >= hi * (1 - eps) ? inside.back() : above,
              {}};
    if (axis.lo < inside.front()) inside.insert(inside.begin(), axis.lo);
    if (axis.hi > inside.back()) inside.push_back(axis.hi);
    for (const double v : inside) axis.ticks.push_back({v, tick_label(v, v)});
    return axis;
  }
  // A narrow range: a linear axis's round numbers, kept positive.
  Axis axis = linear_axis(lo, hi, target, false);
  if (axis.lo <= 0) {
    axis.lo = lo;
    std::vector<Tick> positive;
    for (const Tick& t : axis.ticks)
      if (t.value >= lo * (1 - eps)) positive.push_back(t);
    axis.ticks = positive;
  }
  return axis;
}

}  // namespace codesign::report
