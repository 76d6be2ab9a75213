#include "search/acquisition.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "search/normal.hpp"

namespace codesign::search {
namespace {

TEST(Acquisition, ExpectedImprovementMatchesClosedForm) {
  const double mean = 1.0, sigma = 0.5, best = 1.2, z = (best - mean) / sigma;
  double ei = sigma * (z * normal_cdf(z) + normal_pdf(z));
  EXPECT_NEAR(log_expected_improvement(mean, sigma, best), std::log(ei), 1e-12);
  EXPECT_NEAR(log_expected_improvement(1.0, 0.0, 3.0), std::log(2.0), 1e-12);
  EXPECT_EQ(log_expected_improvement(3.0, 0.0, 1.0), -INFINITY);
}

TEST(Acquisition, ProbabilityOfImprovementMatchesClosedForm) {
  EXPECT_NEAR(log_probability_of_improvement(1.0, 0.5, 1.2), std::log(normal_cdf(0.4)), 1e-12);
  EXPECT_EQ(log_probability_of_improvement(1.0, 0.0, 3.0), 0.0);
  EXPECT_EQ(log_probability_of_improvement(3.0, 0.0, 1.0), -INFINITY);
  // Forty standard deviations short of the best: tiny, yet finite and ordered.
  const double far = log_probability_of_improvement(40.0, 1.0, 0.0);
  EXPECT_TRUE(std::isfinite(far));
  EXPECT_LT(far, log_probability_of_improvement(30.0, 1.0, 0.0));
}

TEST(Acquisition, LowerConfidenceBound) {
  EXPECT_DOUBLE_EQ(lower_confidence_bound(1.0, 0.5, 2.0), 0.0);
}

TEST(Acquisition, ImprovementsWeighFeasibilityAndWaitForAFeasiblePoint) {
  for (AcquisitionType type :
       {AcquisitionType::kExpectedImprovement, AcquisitionType::kProbabilityOfImprovement}) {
    auto acquisition = make_acquisition({type});
    Score sure = acquisition->score(0.0, 1.0, 0.5, std::log(0.9));
    Score doubtful = acquisition->score(0.0, 1.0, 0.5, std::log(0.1));
    EXPECT_TRUE(doubtful < sure);
    EXPECT_NEAR(sure.value - doubtful.value, std::log(9.0), 1e-12);
    EXPECT_TRUE(acquisition->score(1.0, 1.0, 0.5, 0.0) < acquisition->score(0.0, 1.0, 0.5, 0.0));
    // Before any feasible point, only the chance of feasibility counts.
    Score blind = acquisition->score(-100.0, 1.0, INFINITY, std::log(0.2));
    EXPECT_EQ(blind.tier, 0);
    EXPECT_DOUBLE_EQ(blind.value, std::log(0.2));
  }
}

TEST(Acquisition, ConstrainedLcbRanksUnlikelyPointsLast) {
  auto lcb = make_acquisition({AcquisitionType::kLowerConfidenceBound, 2.0, 0.5});
  Score good = lcb->score(5.0, 1.0, 0.0, std::log(0.6));
  Score tempting = lcb->score(-50.0, 1.0, 0.0, std::log(0.4));
  EXPECT_TRUE(tempting < good);
  EXPECT_DOUBLE_EQ(good.value, -3.0);
  EXPECT_THROW(make_acquisition({AcquisitionType::kLowerConfidenceBound, -1.0}),
               std::invalid_argument);
  EXPECT_THROW(make_acquisition({AcquisitionType::kLowerConfidenceBound, 2.0, 0.0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
