#include "search/gaussian_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>
#include <stdexcept>
#include <utility>
#include <vector>

namespace codesign::search {
namespace {

// Cholesky factor of K + jitter·I, growing the jitter from zero until the factorisation
// succeeds: near-duplicate inputs make K numerically singular.
Eigen::MatrixXd robust_cholesky(const Eigen::MatrixXd& K, double& jitter) {
  const long n = K.rows();
  const double base = n > 0 ? 1e-10 * K.diagonal().mean() : 0.0;
  jitter = 0.0;
  for (int attempt = 0; attempt < 9; ++attempt) {
    Eigen::LLT<Eigen::MatrixXd> llt(K + jitter * Eigen::MatrixXd::Identity(n, n));
    if (llt.info() == Eigen::Success && (llt.matrixLLT().diagonal().array() > 0).all()) {
      return llt.matrixL();
    }
    jitter = jitter == 0.0 ? base : jitter * 10.0;
  }
  throw std::runtime_error("GP covariance is not positive definite even with jitter " +
                           std::to_string(jitter));
}

const double kLog2Pi = std::log(2.0 * 3.14159265358979323846);

// L⁻ᵀ L⁻¹ b.
Eigen::VectorXd cholesky_solve(const Eigen::MatrixXd& L, const Eigen::VectorXd& b) {
  Eigen::VectorXd z = L.triangularView<Eigen::Lower>().solve(b);
  return L.transpose().triangularView<Eigen::Upper>().solve(z);
}

// The lower triangle of K⁻¹ = L⁻ᵀL⁻¹ from K's Cholesky factor L. Both products work by blocks
// against the triangles alone (L⁻¹ is lower triangular too): two thirds of a general
// solve-then-multiply's work.
Eigen::MatrixXd inverse_from_cholesky(const Eigen::MatrixXd& L) {
  const long n = L.rows(), block = 64;
  Eigen::MatrixXd Linv = Eigen::MatrixXd::Zero(n, n);
  for (long j = 0; j < n; j += block) {
    // Columns j… of L⁻¹ are zero above row j: solve only against the trailing L[j:, j:].
    const long w = std::min(block, n - j), rest = n - j;
    auto columns = Linv.block(j, j, rest, w);
    columns.topRows(w).setIdentity();
    L.bottomRightCorner(rest, rest).triangularView<Eigen::Lower>().solveInPlace(columns);
  }
  Eigen::MatrixXd inverse = Eigen::MatrixXd::Zero(n, n);
  for (long j = 0; j < n; j += block) {
    // Rows j… j+w of L⁻¹ are zero right of column j+w: a rank-w update of the leading block.
    const long w = std::min(block, n - j);
    inverse.topLeftCorner(j + w, j + w)
        .selfadjointView<Eigen::Lower>()
        .rankUpdate(Linv.block(j, 0, w, j + w).transpose());
  }
  return inverse;
}

// The log marginal likelihood of scaled data (rows of X, outputs y) under the kernel's prior
// with hyperparameters theta = [the kernel's …, log σ²_noise], and its gradient. Sets the
// kernel's hyperparameters to theta's.
double log_likelihood(Kernel& kernel, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                      const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) {
  const long n = X.rows(), p = long(kernel.num_params());
  kernel.set_log_params(theta.head(p));
  const double noise = std::exp(theta(p));
  Eigen::MatrixXd K = kernel.matrix(X);
  K.diagonal().array() += noise;
  double jitter = 0.0;
  Eigen::MatrixXd L = robust_cholesky(K, jitter);
  Eigen::VectorXd alpha = cholesky_solve(L, y);
  double lml = -0.5 * y.dot(alpha) - L.diagonal().array().log().sum() - 0.5 * double(n) * kLog2Pi;
  if (gradient) {
    // ∂LML/∂θ = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ).
    Eigen::MatrixXd W = alpha * alpha.transpose();
    W.triangularView<Eigen::Lower>() -= inverse_from_cholesky(L);
    W.triangularView<Eigen::StrictlyUpper>() = W.transpose();
    gradient->resize(p + 1);
    gradient->head(p) = 0.5 * kernel.contract_gradient(X, W);
    (*gradient)(p) = 0.5 * noise * W.trace();
  }
  return lml;
}

// `count` distinct indices drawn uniformly from 0 … n−1 (a partial Fisher–Yates shuffle).
std::vector<long> subsample(long n, long count, std::mt19937_64& rng) {
  std::vector<long> rows(static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) rows[std::size_t(i)] = i;
  for (long i = 0; i < count; ++i) {
    std::uniform_int_distribution<long> pick(i, n - 1);
    std::swap(rows[std::size_t(i)], rows[std::size_t(pick(rng))]);
  }
  rows.resize(std::size_t(count));
  return rows;
}

}  // namespace

GaussianProcess::GaussianProcess(std::size_t dim, GpOptions options)
    : options_(options), kernel_(make_kernel(options_.kernel, dim)), noise_variance_(1e-4) {
  if (!(options_.min_lengthscale > 0 && options_.min_lengthscale <= options_.max_lengthscale &&
        options_.min_signal_variance > 0 &&
        options_.min_signal_variance <= options_.max_signal_variance &&
        options_.min_noise_variance > 0 &&
        options_.min_noise_variance <= options_.max_noise_variance && options_.restarts >= 0 &&
        options_.max_evaluations >= 1 && options_.tolerance > 0)) {
    throw std::invalid_argument("GpOptions: bounds must be positive and ordered");
  }
  Eigen::VectorXd theta = log_params();
  theta.head(long(dim)).setConstant(std::log(0.5));  // a quarter to half of the data's range
  set_log_params(theta.cwiseMax(lower_bounds()).cwiseMin(upper_bounds()));
}

GaussianProcess::GaussianProcess(const GaussianProcess& other)
    : options_(other.options_),
      kernel_(other.kernel_->clone()),
      noise_variance_(other.noise_variance_),
      x_offset_(other.x_offset_),
      x_scale_(other.x_scale_),
      y_offset_(other.y_offset_),
      y_scale_(other.y_scale_),
      X_(other.X_),
      y_(other.y_),
      L_(other.L_),
      alpha_(other.alpha_),
      jitter_(other.jitter_) {}

GaussianProcess& GaussianProcess::operator=(const GaussianProcess& other) {
  if (this != &other) *this = GaussianProcess(other);
  return *this;
}

Eigen::VectorXd GaussianProcess::log_params() const {
  Eigen::VectorXd theta(long(kernel_->num_params()) + 1);
  theta << kernel_->log_params(), std::log(noise_variance_);
  return theta;
}

void GaussianProcess::set_log_params(const Eigen::VectorXd& theta) {
  if (std::size_t(theta.size()) != kernel_->num_params() + 1) {
    throw std::invalid_argument("GaussianProcess: wrong number of hyperparameters");
  }
  kernel_->set_log_params(theta.head(theta.size() - 1));
  noise_variance_ = std::exp(theta(theta.size() - 1));
  if (X_.rows() > 0) factorize();
}

Eigen::VectorXd GaussianProcess::log_bounds(double lengthscale, double signal, double noise) const {
  Eigen::VectorXd theta(long(kernel_->num_params()) + 1);
  theta.setConstant(std::log(lengthscale));
  theta(theta.size() - 2) = std::log(signal);
  theta(theta.size() - 1) = std::log(noise);
  return theta;
}

Eigen::VectorXd GaussianProcess::lower_bounds() const {
  return log_bounds(options_.min_lengthscale, options_.min_signal_variance,
                    options_.min_noise_variance);
}

Eigen::VectorXd GaussianProcess::upper_bounds() const {
  return log_bounds(options_.max_lengthscale, options_.max_signal_variance,
                    options_.max_noise_variance);
}

void GaussianProcess::set_scaling(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  if (X.rows() != y.size() || X.rows() == 0) {
    throw std::invalid_argument("GaussianProcess: need as many outputs as input rows, and one");
  }
  if (std::size_t(X.cols()) != kernel_->dim()) {
    throw std::invalid_argument("GaussianProcess: inputs have " + std::to_string(X.cols()) +
                                " columns, expected " + std::to_string(kernel_->dim()));
  }
  if (!X.allFinite() || !y.allFinite()) {
    throw std::invalid_argument("GaussianProcess: inputs and outputs must be finite");
  }
  x_offset_ = X.colwise().minCoeff();
  x_scale_ = X.colwise().maxCoeff() - x_offset_;
  x_scale_ = (x_scale_.array() > 0).select(x_scale_, 1.0);
  y_offset_ = prior_mean(options_.mean, y);
  y_scale_ = 1.0;
  if (options_.scale_outputs) {
    const double average = y.mean();
    double sd = std::sqrt((y.array() - average).square().mean());
    if (sd > 1e-12 * std::max(1.0, std::abs(average))) y_scale_ = sd;
  }
}

Eigen::MatrixXd GaussianProcess::scale_inputs(const Eigen::MatrixXd& X) const {
  return (X.rowwise() - x_offset_).array().rowwise() / x_scale_.array();
}

void GaussianProcess::set_data(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  set_scaling(X, y);
  X_ = scale_inputs(X);
  y_ = (y.array() - y_offset_) / y_scale_;
}

void GaussianProcess::condition(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  set_data(X, y);
  factorize();
}

void GaussianProcess::factorize() {
  Eigen::MatrixXd K = kernel_->matrix(X_);
  K.diagonal().array() += noise_variance_;
  L_ = robust_cholesky(K, jitter_);
  alpha_ = cholesky_solve(L_, y_);
}

void GaussianProcess::add(const Eigen::VectorXd& x, double y) {
  if (X_.rows() == 0) throw std::logic_error("GaussianProcess::add: condition on data first");
  const long n = X_.rows();
  Eigen::RowVectorXd xs = scale_inputs(x.transpose());
  Eigen::VectorXd k = kernel_->cross(X_, xs);
  Eigen::VectorXd l = L_.triangularView<Eigen::Lower>().solve(k);
  double d2 = kernel_->variance() + noise_variance_ + jitter_ - l.squaredNorm();
  d2 = std::max(d2, 1e-12 * kernel_->variance());
  L_.conservativeResize(n + 1, n + 1);
  L_.block(0, n, n, 1).setZero();
  L_.block(n, 0, 1, n) = l.transpose();
  L_(n, n) = std::sqrt(d2);
  X_.conservativeResize(n + 1, Eigen::NoChange);
  X_.row(n) = xs;
  y_.conservativeResize(n + 1);
  y_(n) = (y - y_offset_) / y_scale_;
  alpha_ = cholesky_solve(L_, y_);
}

double GaussianProcess::log_marginal_likelihood(const Eigen::VectorXd& theta,
                                                Eigen::VectorXd* gradient) const {
  if (X_.rows() == 0) throw std::logic_error("log_marginal_likelihood: no data");
  std::unique_ptr<Kernel> scratch = kernel_->clone();
  return log_likelihood(*scratch, X_, y_, theta, gradient);
}

void GaussianProcess::fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                          std::mt19937_64& rng) {
  set_data(X, y);
  const Eigen::VectorXd lo = lower_bounds(), hi = upper_bounds();
  const std::size_t p = std::size_t(lo.size());

  // The best point any local search visits wins, whatever NLopt's return code.
  struct Search {
    std::unique_ptr<Kernel> kernel;  // scratch: each evaluation sets its hyperparameters
    Eigen::MatrixXd X;
    Eigen::VectorXd y;
    double best = -std::numeric_limits<double>::infinity();
    Eigen::VectorXd best_theta;
  } search{kernel_->clone(), X_, y_, -std::numeric_limits<double>::infinity(),
           log_params().cwiseMax(lo).cwiseMin(hi)};
  const long n = X_.rows(), m = long(options_.max_likelihood_data);
  if (m > 0 && n > m) {
    const std::vector<long> rows = subsample(n, m, rng);
    search.X = X_(rows, Eigen::all);
    search.y = y_(rows);
  }
  auto objective = [](const std::vector<double>& x, std::vector<double>& grad, void* data) {
    auto* s = static_cast<Search*>(data);
    Eigen::VectorXd theta = Eigen::Map<const Eigen::VectorXd>(x.data(), long(x.size()));
    Eigen::VectorXd g;
    double value;
    try {
      value = log_likelihood(*s->kernel, s->X, s->y, theta, grad.empty() ? nullptr : &g);
    } catch (const std::runtime_error&) {
      std::fill(grad.begin(), grad.end(), 0.0);
      return -1e300;  // a covariance no jitter can repair: steer away
    }
    if (!grad.empty()) Eigen::Map<Eigen::VectorXd>(grad.data(), long(grad.size())) = g;
    if (value > s->best) {
      s->best = value;
      s->best_theta = theta;
    }
    return value;
  };

  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Eigen::VectorXd> starts{search.best_theta};
  for (int r = 0; r < options_.restarts && size() < options_.restart_below; ++r) {
    Eigen::VectorXd theta(lo.size());
    for (long i = 0; i < lo.size(); ++i) theta(i) = lo(i) + unit(rng) * (hi(i) - lo(i));
    starts.push_back(theta);
  }
  for (const Eigen::VectorXd& start : starts) {
    nlopt::opt opt(nlopt::LD_LBFGS, unsigned(p));
    opt.set_lower_bounds(std::vector<double>(lo.data(), lo.data() + p));
    opt.set_upper_bounds(std::vector<double>(hi.data(), hi.data() + p));
    opt.set_max_objective(objective, &search);
    opt.set_maxeval(options_.max_evaluations);
    opt.set_ftol_rel(options_.tolerance);
    std::vector<double> x(start.data(), start.data() + p);
    double value = 0.0;
    try {
      opt.optimize(x, value);
    } catch (const std::runtime_error&) {
      // Round-off or a failed line search (NLopt's runtime errors): the best visited point is
      // kept regardless. Logic errors still propagate.
    }
  }
  set_log_params(search.best_theta);
}

Prediction GaussianProcess::predict(const Eigen::VectorXd& x) const {
  Eigen::VectorXd mean, variance;
  predict(x.transpose(), mean, variance);
  return {mean(0), variance(0)};
}

void GaussianProcess::predict(const Eigen::MatrixXd& X, Eigen::VectorXd& mean,
                              Eigen::VectorXd& variance) const {
  const double prior = kernel_->variance();
  if (X_.rows() == 0) {
    mean = Eigen::VectorXd::Constant(X.rows(), y_offset_);
    variance = Eigen::VectorXd::Constant(X.rows(), prior * y_scale_ * y_scale_);
    return;
  }
  Eigen::MatrixXd Ks = kernel_->cross(scale_inputs(X), X_);
  Eigen::MatrixXd V = L_.triangularView<Eigen::Lower>().solve(Ks.transpose());
  mean = (Ks * alpha_).array() * y_scale_ + y_offset_;
  variance = (prior - V.colwise().squaredNorm().transpose().array()).max(1e-12 * prior) * y_scale_ *
             y_scale_;
}

}  // namespace codesign::search
