#include "search/kernel.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace codesign::search {
namespace {

// A stationary kernel's profile at scaled distance r: f(r) and −f'(r)/r, so that
// ∂k/∂log l_d = s² · radial · (Δ_d / l_d)². Computed together: both need the same
// exponential, and exp dominates the cost of a pair.
struct Profile {
  double value, radial;
};

struct Matern52Shape {
  static constexpr const char* kName = "Matern52";
  static double value(double r) { return at(r, std::exp(-kSqrt5 * r)).value; }
  static Profile profile(double r) { return at(r, std::exp(-kSqrt5 * r)); }

 private:
  static inline const double kSqrt5 = std::sqrt(5.0);
  static Profile at(double r, double e) {
    return {(1.0 + kSqrt5 * r + 5.0 / 3.0 * r * r) * e, 5.0 / 3.0 * (1.0 + kSqrt5 * r) * e};
  }
};

struct Matern32Shape {
  static constexpr const char* kName = "Matern32";
  static double value(double r) { return profile(r).value; }
  static Profile profile(double r) {
    const double e = std::exp(-kSqrt3 * r);
    return {(1.0 + kSqrt3 * r) * e, 3.0 * e};
  }

 private:
  static inline const double kSqrt3 = std::sqrt(3.0);
};

struct SquaredExponentialShape {
  static constexpr const char* kName = "SquaredExponential";
  static double value(double r) { return std::exp(-0.5 * r * r); }
  static Profile profile(double r) {
    const double e = value(r);
    return {e, e};
  }
};

// The ARD machinery every stationary kernel shares; the profile is inlined into the loops.
template <class Shape>
class Stationary final : public Kernel {
 public:
  explicit Stationary(std::size_t dim) : log_lengthscales_(Eigen::VectorXd::Zero(long(dim))) {
    if (dim == 0) fail("dimension must be at least 1");
  }

  std::unique_ptr<Kernel> clone() const override { return std::make_unique<Stationary>(*this); }
  std::size_t dim() const override { return std::size_t(log_lengthscales_.size()); }
  std::size_t num_params() const override { return dim() + 1; }
  double variance() const override { return variance_; }

  Eigen::VectorXd log_params() const override {
    Eigen::VectorXd theta(static_cast<long>(num_params()));
    theta << log_lengthscales_, std::log(variance_);
    return theta;
  }

  void set_log_params(const Eigen::VectorXd& theta) override {
    if (std::size_t(theta.size()) != num_params()) {
      fail("expected " + std::to_string(num_params()) + " log-hyperparameters");
    }
    log_lengthscales_ = theta.head(long(dim()));
    variance_ = std::exp(theta(long(dim())));
  }

  Eigen::MatrixXd cross(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) const override {
    Eigen::MatrixXd As = scaled(A), Bs = scaled(B);
    Eigen::MatrixXd K(As.rows(), Bs.rows());
    for (long j = 0; j < Bs.rows(); ++j) {
      for (long i = 0; i < As.rows(); ++i) {
        K(i, j) = variance_ * Shape::value((As.row(i) - Bs.row(j)).norm());
      }
    }
    return K;
  }

  Eigen::MatrixXd matrix(const Eigen::MatrixXd& X) const override {
    Eigen::MatrixXd Xs = scaled(X);
    const long n = Xs.rows();
    Eigen::MatrixXd K(n, n);
    for (long j = 0; j < n; ++j) {
      K(j, j) = variance_;
      for (long i = j + 1; i < n; ++i) {
        K(i, j) = K(j, i) = variance_ * Shape::value((Xs.row(i) - Xs.row(j)).norm());
      }
    }
    return K;
  }

  Eigen::VectorXd contract_gradient(const Eigen::MatrixXd& X,
                                    const Eigen::MatrixXd& W) const override {
    Eigen::MatrixXd Xs = scaled(X);
    const long n = Xs.rows(), d = Xs.cols();
    Eigen::VectorXd grad = Eigen::VectorXd::Zero(d + 1);
    Eigen::VectorXd diff2(d);
    for (long j = 0; j < n; ++j) {
      grad(d) += W(j, j) * variance_;  // r = 0: only the signal variance matters
      for (long i = j + 1; i < n; ++i) {
        diff2 = (Xs.row(i) - Xs.row(j)).array().square().transpose();
        const Profile f = Shape::profile(std::sqrt(diff2.sum()));
        const double w = W(i, j) + W(j, i);
        grad.head(d) += (w * variance_ * f.radial) * diff2;
        grad(d) += w * variance_ * f.value;
      }
    }
    return grad;
  }

 private:
  [[noreturn]] static void fail(const std::string& what) {
    throw std::invalid_argument(std::string(Shape::kName) + ": " + what);
  }

  Eigen::MatrixXd scaled(const Eigen::MatrixXd& X) const {
    if (std::size_t(X.cols()) != dim()) {
      fail("inputs have " + std::to_string(X.cols()) + " columns, kernel has " +
           std::to_string(dim()));
    }
    return X * (-log_lengthscales_).array().exp().matrix().asDiagonal();
  }

  Eigen::VectorXd log_lengthscales_;
  double variance_ = 1.0;
};

}  // namespace

std::unique_ptr<Kernel> make_kernel(KernelType type, std::size_t dim) {
  switch (type) {
    case KernelType::kMatern52:
      return std::make_unique<Stationary<Matern52Shape>>(dim);
    case KernelType::kMatern32:
      return std::make_unique<Stationary<Matern32Shape>>(dim);
    case KernelType::kSquaredExponential:
      return std::make_unique<Stationary<SquaredExponentialShape>>(dim);
  }
  throw std::invalid_argument("make_kernel: unknown kernel type");
}

}  // namespace codesign::search
