#include "search/kernel.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "random_matrix.hpp"

namespace codesign::search {
namespace {

// Each kernel with its profile f(r), written out independently of the implementation.
struct KernelCase {
  const char* name;
  KernelType type;
  std::function<double(double)> profile;
};

const KernelCase kKernelCases[] = {
    {"Matern52", KernelType::kMatern52,
     [](double r) {
       const double s5 = std::sqrt(5.0);
       return (1 + s5 * r + 5.0 / 3.0 * r * r) * std::exp(-s5 * r);
     }},
    {"Matern32", KernelType::kMatern32,
     [](double r) { return (1 + std::sqrt(3.0) * r) * std::exp(-std::sqrt(3.0) * r); }},
    {"SquaredExponential", KernelType::kSquaredExponential,
     [](double r) { return std::exp(-0.5 * r * r); }},
};

class KernelTest : public ::testing::TestWithParam<KernelCase> {};

double k(const Kernel& kernel, const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return kernel.cross(a.transpose(), b.transpose())(0, 0);
}

TEST_P(KernelTest, ValueAtKnownDistances) {
  auto kernel = make_kernel(GetParam().type, 2);
  Eigen::VectorXd theta(3);
  theta << std::log(2.0), std::log(0.5), std::log(3.0);
  kernel->set_log_params(theta);
  EXPECT_TRUE(kernel->log_params().isApprox(theta, 1e-15));
  EXPECT_DOUBLE_EQ(kernel->variance(), 3.0);
  Eigen::Vector2d a(0.0, 0.0), b(1.0, 0.25);
  const double r = std::sqrt(0.25 + 0.25);
  EXPECT_NEAR(k(*kernel, a, b), 3.0 * GetParam().profile(r), 1e-12);
  EXPECT_DOUBLE_EQ(k(*kernel, a, a), 3.0);
}

TEST_P(KernelTest, GradientMatchesFiniteDifferences) {
  auto kernel = make_kernel(GetParam().type, 3);
  Eigen::VectorXd theta(4);
  theta << -0.3, 0.4, 1.1, 0.2;
  kernel->set_log_params(theta);
  // Three points, W picking the (0,1) and (1,2) pairs and the (2,2) diagonal: off-diagonal
  // weights are split over both triangles, as contract_gradient sums both.
  Eigen::MatrixXd X = testing::random_matrix(3, 3, 7);
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(3, 3);
  W(0, 1) = W(1, 0) = 0.5;
  W(1, 2) = W(2, 1) = -1.5;
  W(2, 2) = 2.0;
  auto contraction = [&](const Kernel& kk) { return (W.array() * kk.matrix(X).array()).sum(); };
  Eigen::VectorXd g = kernel->contract_gradient(X, W);
  const double h = 1e-6;
  for (long i = 0; i < theta.size(); ++i) {
    Eigen::VectorXd up = theta, down = theta;
    up(i) += h;
    down(i) -= h;
    auto ku = make_kernel(GetParam().type, 3), kd = make_kernel(GetParam().type, 3);
    ku->set_log_params(up);
    kd->set_log_params(down);
    EXPECT_NEAR(g(i), (contraction(*ku) - contraction(*kd)) / (2 * h), 1e-7)
        << "hyperparameter " << i;
  }
}

TEST_P(KernelTest, MatrixIsSymmetricAndMatchesCross) {
  auto kernel = make_kernel(GetParam().type, 2);
  Eigen::MatrixXd X = testing::random_matrix(6, 2, 11);
  Eigen::MatrixXd K = kernel->matrix(X);
  EXPECT_TRUE(K.isApprox(K.transpose(), 0.0));
  EXPECT_TRUE(K.isApprox(kernel->cross(X, X), 1e-12));
  EXPECT_THROW(kernel->cross(X, Eigen::MatrixXd::Zero(1, 3)), std::invalid_argument);
  EXPECT_THROW(kernel->set_log_params(Eigen::VectorXd::Zero(2)), std::invalid_argument);
}

TEST_P(KernelTest, CloneIsIndependent) {
  auto kernel = make_kernel(GetParam().type, 1);
  auto copy = kernel->clone();
  kernel->set_log_params(Eigen::Vector2d(1.0, 2.0));
  EXPECT_TRUE(copy->log_params().isZero());
  EXPECT_THROW(make_kernel(GetParam().type, 0), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(AllKernels, KernelTest, ::testing::ValuesIn(kKernelCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace codesign::search
