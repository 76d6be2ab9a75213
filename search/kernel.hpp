// Covariance functions for the Gaussian process: one interface, so the GP is written once for
// every kernel, and stationary ARD kernels behind it (one length scale per input dimension):
// Matérn-5/2 (the default), Matérn-3/2 and squared exponential.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <memory>

namespace codesign::search {

// Hyperparameters are held in log space, [log l_1 … log l_D, log s²]: D length scales, then
// the signal variance (the GP bounds them as such). Points are rows.
class Kernel {
 public:
  virtual ~Kernel() = default;
  virtual std::unique_ptr<Kernel> clone() const = 0;

  virtual std::size_t dim() const = 0;
  virtual std::size_t num_params() const = 0;
  virtual Eigen::VectorXd log_params() const = 0;
  virtual void set_log_params(const Eigen::VectorXd& theta) = 0;
  // k(x, x): the prior variance of the function.
  virtual double variance() const = 0;

  // K_ij = k(A_i, B_j).
  virtual Eigen::MatrixXd cross(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) const = 0;
  // K_ij = k(X_i, X_j), exactly symmetric.
  virtual Eigen::MatrixXd matrix(const Eigen::MatrixXd& X) const = 0;
  // Σ_ij W_ij ∂K_ij/∂θ for symmetric W and each log-hyperparameter θ: the marginal
  // likelihood's gradient needs only this contraction, which avoids storing one n×n matrix
  // per hyperparameter.
  virtual Eigen::VectorXd contract_gradient(const Eigen::MatrixXd& X,
                                            const Eigen::MatrixXd& W) const = 0;
};

// k(a,b) = s² f(r), r² = Σ_d (a_d − b_d)² / l_d², with the profile f of the type:
//   Matérn-5/2:          (1 + √5 r + 5r²/3) exp(−√5 r)
//   Matérn-3/2:          (1 + √3 r) exp(−√3 r)
//   squared exponential: exp(−r²/2)
enum class KernelType { kMatern52, kMatern32, kSquaredExponential };

// Length scales start at 1 and the signal variance at 1.
std::unique_ptr<Kernel> make_kernel(KernelType type, std::size_t dim);

}  // namespace codesign::search
