#include "search/gaussian_process.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "random_matrix.hpp"

namespace codesign::search {
namespace {

Eigen::MatrixXd grid_1d(int n, double lo, double hi) {
  Eigen::MatrixXd X(n, 1);
  for (int i = 0; i < n; ++i) X(i, 0) = lo + (hi - lo) * i / (n - 1);
  return X;
}

Eigen::VectorXd f(const Eigen::MatrixXd& X) {
  Eigen::VectorXd y(X.rows());
  for (long i = 0; i < X.rows(); ++i) {
    y(i) = std::sin(3 * X(i, 0)) + 0.5 * X(i, 0) + (X.cols() > 1 ? X(i, 1) * X(i, 1) : 0.0);
  }
  return y;
}

TEST(GaussianProcess, InterpolatesNoiseFreeData) {
  GaussianProcess gp(1);
  std::mt19937_64 rng(1);
  Eigen::MatrixXd X = grid_1d(8, 0.0, 3.0);
  Eigen::VectorXd y = f(X) * 100.0 + Eigen::VectorXd::Constant(8, 40.0);  // unscaled outputs
  gp.fit(X, y, rng);
  for (long i = 0; i < X.rows(); ++i) {
    Prediction p = gp.predict(X.row(i).transpose());
    EXPECT_NEAR(p.mean, y(i), 1e-2 * 100.0);
    EXPECT_LT(std::sqrt(p.variance), 0.05 * 100.0);
  }
  // Between the data the posterior is uncertain, far away it returns to the prior.
  Eigen::VectorXd mid(1), far(1);
  mid << 0.2;
  far << 30.0;
  EXPECT_GT(gp.predict(far).variance, 10 * gp.predict(mid).variance);
}

TEST(GaussianProcess, EveryKernelInterpolates) {
  for (KernelType kernel :
       {KernelType::kMatern52, KernelType::kMatern32, KernelType::kSquaredExponential}) {
    GpOptions options;
    options.kernel = kernel;
    GaussianProcess gp(1, options);
    std::mt19937_64 rng(2);
    Eigen::MatrixXd X = grid_1d(10, 0.0, 3.0);
    gp.fit(X, f(X), rng);
    Eigen::VectorXd mid(1);
    mid << 1.6;
    EXPECT_NEAR(gp.predict(mid).mean, f(mid.transpose())(0), 0.05) << int(kernel);
  }
}

TEST(GaussianProcess, FarFromDataPredictsThePriorMean) {
  Eigen::MatrixXd X = grid_1d(6, 0.0, 1.0);
  Eigen::VectorXd y = f(X), far(1);
  far << 1e3;
  std::mt19937_64 rng(3);
  GaussianProcess data(1);
  data.fit(X, y, rng);
  EXPECT_NEAR(data.predict(far).mean, y.mean(), 1e-9);
  GpOptions options;
  options.mean = {MeanType::kConstant, -2.0};
  GaussianProcess constant(1, options);
  constant.fit(X, y, rng);
  EXPECT_NEAR(constant.predict(far).mean, -2.0, 1e-9);
  // A copy predicts the same and is independent of the original.
  GaussianProcess copy = constant;
  constant.fit(X, -y, rng);
  EXPECT_NEAR(copy.predict(X.row(2).transpose()).mean, y(2), 1e-2);
}

void expect_gradient_matches_finite_differences(long n) {
  GaussianProcess gp(2);
  Eigen::MatrixXd X = testing::random_matrix(n, 2, 21);
  gp.condition(X, f(X));
  Eigen::VectorXd theta(4);
  theta << -0.5, 0.3, 0.2, std::log(1e-2);
  Eigen::VectorXd g;
  gp.log_marginal_likelihood(theta, &g);
  const double h = 1e-5;
  for (long i = 0; i < theta.size(); ++i) {
    Eigen::VectorXd up = theta, down = theta;
    up(i) += h;
    down(i) -= h;
    double fd =
        (gp.log_marginal_likelihood(up, nullptr) - gp.log_marginal_likelihood(down, nullptr)) /
        (2 * h);
    EXPECT_NEAR(g(i), fd, 1e-5 * std::max(1.0, std::abs(fd))) << "hyperparameter " << i;
  }
}

TEST(GaussianProcess, LogMarginalLikelihoodGradientMatchesFiniteDifferences) {
  expect_gradient_matches_finite_differences(12);
  expect_gradient_matches_finite_differences(150);  // several of K⁻¹'s blocks
}

TEST(GaussianProcess, FittingRaisesTheLikelihood) {
  GaussianProcess gp(2);
  std::mt19937_64 rng(3);
  Eigen::MatrixXd X = testing::random_matrix(20, 2, 22);
  gp.condition(X, f(X));
  double before = gp.log_marginal_likelihood(gp.log_params(), nullptr);
  gp.fit(X, f(X), rng);
  EXPECT_GT(gp.log_marginal_likelihood(gp.log_params(), nullptr), before + 1.0);
}

TEST(GaussianProcess, SurvivesDuplicateInputsWithJitter) {
  GpOptions options;
  options.min_noise_variance = options.max_noise_variance = 1e-12;
  GaussianProcess gp(1, options);
  Eigen::MatrixXd X(3, 1);
  X << 0.5, 0.5, 0.5;
  Eigen::VectorXd y(3);
  y << 1.0, 1.0, 1.0 + 1e-9;
  std::mt19937_64 rng(4);
  EXPECT_NO_THROW(gp.fit(X, y, rng));
  EXPECT_TRUE(std::isfinite(gp.predict(X.row(0).transpose()).mean));
}

TEST(GaussianProcess, AddEqualsConditioningOnTheLargerSet) {
  // Raw outputs and a first nine points spanning the box: the tenth changes no scaling.
  GpOptions raw;
  raw.mean.type = MeanType::kZero;
  raw.scale_outputs = false;
  GaussianProcess a(2, raw), b(2, raw);
  std::mt19937_64 rng(5);
  Eigen::MatrixXd X = testing::random_matrix(10, 2, 23);
  X.row(0) << -1, -1;
  X.row(1) << 1, 1;
  Eigen::VectorXd y = f(X);
  a.fit(X.topRows(9), y.head(9), rng);
  Prediction before = a.predict(X.row(9).transpose());
  a.add(X.row(9).transpose(), y(9));
  b.set_log_params(a.log_params());
  b.condition(X, y);
  Eigen::MatrixXd Q = testing::random_matrix(5, 2, 24);
  Eigen::VectorXd ma, va, mb, vb;
  a.predict(Q, ma, va);
  b.predict(Q, mb, vb);
  EXPECT_TRUE(ma.isApprox(mb, 1e-8));
  EXPECT_TRUE(va.isApprox(vb, 1e-8));
  Prediction after = a.predict(X.row(9).transpose());
  EXPECT_LT(after.variance, before.variance);
  EXPECT_LT(std::abs(after.mean - y(9)), std::abs(before.mean - y(9)));
}

TEST(GaussianProcess, FitsTheLikelihoodOnASubsampleYetInterpolatesEveryDatum) {
  GpOptions options;
  options.max_likelihood_data = 12;
  GaussianProcess gp(2, options);
  std::mt19937_64 rng(6);
  Eigen::MatrixXd X = testing::random_matrix(60, 2, 25);
  Eigen::VectorXd y = f(X);
  gp.condition(X, y);
  const double before = gp.log_marginal_likelihood(gp.log_params(), nullptr);
  gp.fit(X, y, rng);
  EXPECT_EQ(gp.size(), 60u);
  EXPECT_GT(gp.log_marginal_likelihood(gp.log_params(), nullptr), before);
  for (long i = 0; i < X.rows(); ++i) {
    EXPECT_NEAR(gp.predict(X.row(i).transpose()).mean, y(i), 1e-2) << "datum " << i;
  }
}

TEST(GaussianProcess, RejectsMismatchedData) {
  GaussianProcess gp(2);
  EXPECT_THROW(gp.condition(Eigen::MatrixXd::Zero(3, 1), Eigen::VectorXd::Zero(3)),
               std::invalid_argument);
  EXPECT_THROW(gp.condition(Eigen::MatrixXd::Zero(3, 2), Eigen::VectorXd::Zero(2)),
               std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
