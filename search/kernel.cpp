#include "search/kernel.hpp"

#include <cmath>
#include <stdexcept>

namespace codesign::search {
namespace {

const double kSqrt5 = std::sqrt(5.0);

// k / s² as a function of the scaled distance r, given e = exp(−√5 r): the gradient needs
// the same exponential twice, and exp dominates the cost of a pair.
double matern(double r, double e) { return (1.0 + kSqrt5 * r + 5.0 / 3.0 * r * r) * e; }
double matern(double r) { return matern(r, std::exp(-kSqrt5 * r)); }

// ∂k/∂log l_d = s² · radial(r, e) · (Δ_d / l_d)², the common factor of every length scale.
double radial(double r, double e) { return 5.0 / 3.0 * (1.0 + kSqrt5 * r) * e; }

}  // namespace

Matern52::Matern52(std::size_t dim) : log_lengthscales_(Eigen::VectorXd::Zero(long(dim))) {
  if (dim == 0) throw std::invalid_argument("Matern52: dimension must be at least 1");
}

Eigen::VectorXd Matern52::log_params() const {
  Eigen::VectorXd theta(static_cast<long>(num_params()));
  theta << log_lengthscales_, std::log(variance_);
  return theta;
}

void Matern52::set_log_params(const Eigen::VectorXd& theta) {
  if (std::size_t(theta.size()) != num_params()) {
    throw std::invalid_argument("Matern52: expected " + std::to_string(num_params()) +
                                " log-hyperparameters");
  }
  log_lengthscales_ = theta.head(long(dim()));
  variance_ = std::exp(theta(long(dim())));
}

Eigen::MatrixXd Matern52::scaled(const Eigen::MatrixXd& X) const {
  if (std::size_t(X.cols()) != dim()) {
    throw std::invalid_argument("Matern52: inputs have " + std::to_string(X.cols()) +
                                " columns, kernel has " + std::to_string(dim()));
  }
  return X * (-log_lengthscales_).array().exp().matrix().asDiagonal();
}

double Matern52::operator()(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  return cross(a.transpose(), b.transpose())(0, 0);
}

Eigen::VectorXd Matern52::gradient(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  Eigen::MatrixXd X(2, a.size());
  X << a.transpose(), b.transpose();
  // W selects the (0,1) entry; halved because contract_gradient sums both (0,1) and (1,0).
  Eigen::MatrixXd W(2, 2);
  W << 0, 0.5, 0.5, 0;
  if (a == b) W << 1, 0, 0, 0;
  return contract_gradient(X, W);
}

Eigen::MatrixXd Matern52::cross(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) const {
  Eigen::MatrixXd As = scaled(A), Bs = scaled(B);
  Eigen::MatrixXd K(As.rows(), Bs.rows());
  for (long j = 0; j < Bs.rows(); ++j) {
    for (long i = 0; i < As.rows(); ++i) {
      K(i, j) = variance_ * matern((As.row(i) - Bs.row(j)).norm());
    }
  }
  return K;
}

Eigen::MatrixXd Matern52::matrix(const Eigen::MatrixXd& X) const {
  Eigen::MatrixXd Xs = scaled(X);
  const long n = Xs.rows();
  Eigen::MatrixXd K(n, n);
  for (long j = 0; j < n; ++j) {
    K(j, j) = variance_;
    for (long i = j + 1; i < n; ++i) {
      K(i, j) = K(j, i) = variance_ * matern((Xs.row(i) - Xs.row(j)).norm());
    }
  }
  return K;
}

Eigen::VectorXd Matern52::contract_gradient(const Eigen::MatrixXd& X,
                                            const Eigen::MatrixXd& W) const {
  Eigen::MatrixXd Xs = scaled(X);
  const long n = Xs.rows(), d = Xs.cols();
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(d + 1);
  Eigen::VectorXd diff2(d);
  for (long j = 0; j < n; ++j) {
    grad(d) += W(j, j) * variance_;  // r = 0: only the signal variance matters
    for (long i = j + 1; i < n; ++i) {
      diff2 = (Xs.row(i) - Xs.row(j)).array().square().transpose();
      double r = std::sqrt(diff2.sum()), e = std::exp(-kSqrt5 * r);
      double w = W(i, j) + W(j, i);
      grad.head(d) += (w * variance_ * radial(r, e)) * diff2;
      grad(d) += w * variance_ * matern(r, e);
    }
  }
  return grad;
}

}  // namespace codesign::search
