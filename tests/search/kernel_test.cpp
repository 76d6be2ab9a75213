#include "search/kernel.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "random_matrix.hpp"

namespace codesign::search {
namespace {

TEST(Matern52, ValueAtKnownDistances) {
  Matern52 k(2);
  Eigen::VectorXd theta(3);
  theta << std::log(2.0), std::log(0.5), std::log(3.0);
  k.set_log_params(theta);
  Eigen::Vector2d a(0.0, 0.0), b(1.0, 0.25);
  const double r = std::sqrt(0.25 + 0.25), s5 = std::sqrt(5.0);
  EXPECT_NEAR(k(a, b), 3.0 * (1 + s5 * r + 5.0 / 3.0 * r * r) * std::exp(-s5 * r), 1e-12);
  EXPECT_DOUBLE_EQ(k(a, a), 3.0);
}

TEST(Matern52, GradientMatchesFiniteDifferences) {
  Matern52 k(3);
  Eigen::VectorXd theta(4);
  theta << -0.3, 0.4, 1.1, 0.2;
  Eigen::Vector3d a(0.1, 0.7, -0.2), b(0.5, 0.2, 0.4);
  k.set_log_params(theta);
  Eigen::VectorXd g = k.gradient(a, b);
  const double h = 1e-6;
  for (long i = 0; i < theta.size(); ++i) {
    Eigen::VectorXd up = theta, down = theta;
    up(i) += h;
    down(i) -= h;
    Matern52 ku(3), kd(3);
    ku.set_log_params(up);
    kd.set_log_params(down);
    EXPECT_NEAR(g(i), (ku(a, b) - kd(a, b)) / (2 * h), 1e-7) << "hyperparameter " << i;
  }
}

TEST(Matern52, MatrixIsSymmetricAndMatchesCross) {
  Matern52 k(2);
  Eigen::MatrixXd X = testing::random_matrix(6, 2, 11);
  Eigen::MatrixXd K = k.matrix(X);
  EXPECT_TRUE(K.isApprox(K.transpose(), 0.0));
  EXPECT_TRUE(K.isApprox(k.cross(X, X), 1e-12));
  EXPECT_THROW(k.cross(X, Eigen::MatrixXd::Zero(1, 3)), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
