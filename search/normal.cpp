#include "search/normal.hpp"

#include <cmath>

namespace codesign::search {
namespace {

const double kInvSqrt2 = 0.70710678118654752440;
const double kLogSqrt2Pi = 0.91893853320467274178;
// Below −kTail the direct formulas lose digits to cancellation; the continued fractions
// converge fast there.
const double kTail = 5.0;
const int kTerms = 60;

// 1 / (u + k0/(u + (k0+1)/(u + …))) evaluated from the tail: k0 = 1 gives Mills' ratio
// R(u) = Φ(−u)/φ(u); k0 = 2 gives T(u) with 1 − u·R(u) = R(u)·T(u), free of cancellation.
double continued_fraction(double u, int k0) {
  double f = u;
  for (int k = kTerms; k >= k0; --k) f = u + k / f;
  return 1.0 / f;
}

double log_normal_pdf(double z) { return -0.5 * z * z - kLogSqrt2Pi; }

}  // namespace

double normal_pdf(double z) { return std::exp(log_normal_pdf(z)); }

double normal_cdf(double z) { return 0.5 * std::erfc(-z * kInvSqrt2); }

double log_normal_cdf(double z) {
  if (z > -kTail) return std::log(normal_cdf(z));
  return log_normal_pdf(z) + std::log(continued_fraction(-z, 1));
}

double log_expected_improvement_unit(double z) {
  if (z > -kTail) return std::log(z * normal_cdf(z) + normal_pdf(z));
  // φ(z)(1 − u·R(u)) with u = −z.
  return log_normal_pdf(z) + std::log(continued_fraction(-z, 1)) +
         std::log(continued_fraction(-z, 2));
}

}  // namespace codesign::search
