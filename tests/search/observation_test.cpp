#include "search/observation.hpp"

#include <gtest/gtest.h>

namespace codesign::search {
namespace {

TEST(Observation, FeasibilityFollowsTheMargins) {
  EXPECT_TRUE(Observation::with_constraints(1.0, {-1.0, 0.0}).feasible);
  EXPECT_FALSE(Observation::with_constraints(1.0, {-1.0, 0.1}).feasible);
}

TEST(Observation, ValidateRejectsInconsistentReports) {
  EXPECT_NO_THROW(Observation::success(2.0).validate());
  EXPECT_NO_THROW(Observation::failure().validate());
  EXPECT_THROW(Observation::success(std::nan("")).validate(), std::invalid_argument);
  Observation lying = Observation::with_constraints(1.0, {0.5});
  lying.feasible = true;
  EXPECT_THROW(lying.validate(), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
