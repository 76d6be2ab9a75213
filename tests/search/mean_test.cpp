#include "search/mean.hpp"

#include <gtest/gtest.h>

namespace codesign::search {
namespace {

TEST(Mean, DataMeanIsTheOutputsAverage) {
  auto mean = make_mean({MeanType::kData});
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(3, 2);
  mean->fit(X, Eigen::Vector3d(1.0, 2.0, 6.0));
  EXPECT_EQ((*mean)(Eigen::MatrixXd::Ones(2, 2)), Eigen::Vector2d(3.0, 3.0));
  auto copy = mean->clone();
  mean->fit(X, Eigen::Vector3d(0.0, 0.0, 0.0));
  EXPECT_EQ((*copy)(X), Eigen::Vector3d::Constant(3.0));
}

TEST(Mean, ZeroAndConstantIgnoreTheData) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(2, 1);
  for (auto [options, expected] : {std::pair{MeanOptions{MeanType::kZero, 7.0}, 0.0},
                                   std::pair{MeanOptions{MeanType::kConstant, -0.5}, -0.5}}) {
    auto mean = make_mean(options);
    mean->fit(X, Eigen::Vector2d(10.0, 20.0));
    EXPECT_EQ((*mean)(X), Eigen::Vector2d::Constant(expected));
  }
  EXPECT_THROW(make_mean({MeanType::kConstant, std::nan("")}), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
