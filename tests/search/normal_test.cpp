#include "search/normal.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace codesign::search {
namespace {

TEST(Normal, LogCdfAgreesWithDirectFormulaAndTail) {
  for (double z : {-4.9, -1.0, 0.0, 2.0}) {
    EXPECT_NEAR(log_normal_cdf(z), std::log(normal_cdf(z)), 1e-12);
  }
  // Both sides of the switch to the continued fraction agree.
  EXPECT_NEAR(log_normal_cdf(-5.0 - 1e-9), std::log(normal_cdf(-5.0)), 1e-8);
  // Deep in the tail, log Φ(z) ≈ −z²/2 − log(−z√(2π)).
  const double z = -100.0;
  EXPECT_NEAR(log_normal_cdf(z), -0.5 * z * z - std::log(-z * std::sqrt(2 * M_PI)), 1e-3);
}

TEST(Normal, LogExpectedImprovementIsAccurateAndMonotone) {
  for (double z : {-4.0, -1.0, 0.0, 1.5, 4.0}) {
    EXPECT_NEAR(log_expected_improvement_unit(z), std::log(z * normal_cdf(z) + normal_pdf(z)),
                1e-10);
  }
  EXPECT_NEAR(log_expected_improvement_unit(-5.0 - 1e-9),
              std::log(-5.0 * normal_cdf(-5.0) + normal_pdf(-5.0)), 1e-6);
  // Where plain EI underflows to zero, log EI keeps ranking: h(z) ≈ φ(z)/z² for z ≪ 0.
  const double z = -60.0;
  EXPECT_EQ(z * normal_cdf(z) + normal_pdf(z), 0.0);
  EXPECT_NEAR(log_expected_improvement_unit(z),
              -0.5 * z * z - 0.5 * std::log(2 * M_PI) - 2 * std::log(-z), 1e-2);
  double previous = -INFINITY;
  for (double t = -200.0; t <= 5.0; t += 0.37) {
    double v = log_expected_improvement_unit(t);
    ASSERT_TRUE(std::isfinite(v));
    ASSERT_GT(v, previous) << "at z = " << t;
    previous = v;
  }
}

}  // namespace
}  // namespace codesign::search
