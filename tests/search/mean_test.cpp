#include "search/mean.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace codesign::search {
namespace {

TEST(Mean, IsTheDataAverageZeroOrAConstant) {
  const Eigen::Vector3d y(1.0, 2.0, 6.0);
  EXPECT_EQ(prior_mean({MeanType::kData}, y), 3.0);
  EXPECT_EQ(prior_mean({MeanType::kData}, Eigen::VectorXd()), 0.0);
  EXPECT_EQ(prior_mean({MeanType::kZero, 7.0}, y), 0.0);
  EXPECT_EQ(prior_mean({MeanType::kConstant, -0.5}, y), -0.5);
  EXPECT_THROW(prior_mean({MeanType::kConstant, std::nan("")}, y), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
