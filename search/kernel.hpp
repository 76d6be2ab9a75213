// Matérn-5/2 covariance with one length scale per input dimension (ARD), and its gradient
// with respect to the log-hyperparameters, as the GP's marginal likelihood needs them.
#pragma once

#include <Eigen/Dense>
#include <cstddef>

namespace codesign::search {

// k(a,b) = s² (1 + √5 r + 5r²/3) exp(−√5 r),  r² = Σ_d (a_d − b_d)² / l_d².
// Hyperparameters are held in log space: [log l_1 … log l_D, log s²]. Points are rows.
class Matern52 {
 public:
  explicit Matern52(std::size_t dim);

  std::size_t dim() const { return std::size_t(log_lengthscales_.size()); }
  std::size_t num_params() const { return dim() + 1; }
  Eigen::VectorXd log_params() const;
  void set_log_params(const Eigen::VectorXd& theta);
  double variance() const { return variance_; }

  double operator()(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;
  // ∂k(a,b)/∂θ for each log-hyperparameter θ.
  Eigen::VectorXd gradient(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;

  // K_ij = k(A_i, B_j).
  Eigen::MatrixXd cross(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) const;
  // K_ij = k(X_i, X_j), exactly symmetric.
  Eigen::MatrixXd matrix(const Eigen::MatrixXd& X) const;
  // Σ_ij W_ij ∂K_ij/∂θ for symmetric W: the marginal likelihood's gradient needs only this
  // contraction, which avoids storing one n×n matrix per hyperparameter.
  Eigen::VectorXd contract_gradient(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W) const;

 private:
  Eigen::MatrixXd scaled(const Eigen::MatrixXd& X) const;

  Eigen::VectorXd log_lengthscales_;
  double variance_ = 1.0;
};

}  // namespace codesign::search
