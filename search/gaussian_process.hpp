// Gaussian-process regression: a kernel and a prior mean chosen by the options (Matérn-5/2 ARD
// and the data's average by default), inputs rescaled to the training data's bounding box,
// outputs divided by their spread, Cholesky with adaptive jitter, hyperparameters by
// maximising the log marginal likelihood (NLopt L-BFGS with analytic gradients, restarts) of
// at most a few hundred of the data.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <memory>
#include <random>

#include "search/kernel.hpp"
#include "search/mean.hpp"

namespace codesign::search {

struct GpOptions {
  KernelType kernel = KernelType::kMatern52;
  MeanOptions mean;
  // Divide the outputs (less the prior mean) by their spread, so that the bounds below are
  // relative to it; off for outputs on a fixed scale, such as ±1 labels.
  bool scale_outputs = true;
  // Bounds of the hyperparameters, in rescaled-input and scaled-output units.
  double min_lengthscale = 0.01, max_lengthscale = 100.0;
  double min_signal_variance = 0.01, max_signal_variance = 100.0;
  double min_noise_variance = 1e-6, max_noise_variance = 1.0;
  // Local optimisations of the likelihood: from the previous hyperparameters, then, while
  // there are fewer than `restart_below` data, from `restarts` random points of the bounds.
  // Each stops after `max_evaluations` or a relative change below `tolerance`. With many data
  // the warm start is already near the optimum and every evaluation costs O(n³).
  int restarts = 2;
  std::size_t restart_below = 200;
  int max_evaluations = 60;
  double tolerance = 1e-6;
  // The likelihood is that of a random subsample of at most this many data (0: all); every
  // datum still conditions the posterior. The optimum moves little beyond a few hundred
  // data, while each evaluation's cost grows as n³.
  std::size_t max_likelihood_data = 250;
};

struct Prediction {
  double mean;
  double variance;  // of the latent function, without observation noise
};

class GaussianProcess {
 public:
  explicit GaussianProcess(std::size_t dim, GpOptions options = {});
  GaussianProcess(const GaussianProcess& other);
  GaussianProcess& operator=(const GaussianProcess& other);
  GaussianProcess(GaussianProcess&&) = default;
  GaussianProcess& operator=(GaussianProcess&&) = default;

  // Sets the data (rows of X) and fits the hyperparameters; draws from rng for restarts and
  // for the likelihood's subsample.
  void fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, std::mt19937_64& rng);
  // Sets the data, keeping the current hyperparameters.
  void condition(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
  // Appends one observation with the current hyperparameters and scalings, in O(n²):
  // how a batch "believes" its pending points.
  void add(const Eigen::VectorXd& x, double y);

  std::size_t size() const { return std::size_t(X_.rows()); }
  Prediction predict(const Eigen::VectorXd& x) const;
  // Means and variances at the rows of X.
  void predict(const Eigen::MatrixXd& X, Eigen::VectorXd& mean, Eigen::VectorXd& variance) const;

  // Hyperparameters: the kernel's, then log σ²_noise, in the scaled units.
  Eigen::VectorXd log_params() const;
  void set_log_params(const Eigen::VectorXd& theta);
  // The log marginal likelihood of the current (scaled) data at theta, and its gradient.
  double log_marginal_likelihood(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const;

 private:
  void set_scaling(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
  // The scalings and the scaled data, without factorising.
  void set_data(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
  Eigen::MatrixXd scale_inputs(const Eigen::MatrixXd& X) const;
  void factorize();
  // Hyperparameters with every length scale at `lengthscale`, then `signal` and `noise`
  // variances, in log space.
  Eigen::VectorXd log_bounds(double lengthscale, double signal, double noise) const;
  Eigen::VectorXd lower_bounds() const;
  Eigen::VectorXd upper_bounds() const;

  GpOptions options_;
  std::unique_ptr<Kernel> kernel_;
  double noise_variance_;
  Eigen::RowVectorXd x_offset_, x_scale_;
  double y_offset_ = 0.0, y_scale_ = 1.0;  // the prior mean, the outputs' spread
  Eigen::MatrixXd X_;                      // scaled inputs
  Eigen::VectorXd y_;                      // outputs less the prior mean, scaled
  Eigen::MatrixXd L_;                      // Cholesky factor of K + (σ²_noise + jitter) I
  Eigen::VectorXd alpha_;
  double jitter_ = 0.0;
};

}  // namespace codesign::search
