#include "search/feasibility_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "search/normal.hpp"

namespace codesign::search {
namespace {

// Σ_i log Φ(sign · μ_i / σ_i) added into log_p.
void add_log_probability(const GaussianProcess& gp, const Eigen::MatrixXd& X, double sign,
                         Eigen::VectorXd& log_p) {
  Eigen::VectorXd mean, variance;
  gp.predict(X, mean, variance);
  for (long i = 0; i < X.rows(); ++i) {
    log_p(i) += log_normal_cdf(sign * mean(i) / std::sqrt(variance(i)));
  }
}

}  // namespace

FeasibilityModel::FeasibilityModel(GpOptions label_options, GpOptions margin_options)
    : label_options_(label_options), margin_options_(margin_options) {}

void FeasibilityModel::fit(const Eigen::MatrixXd& X, const std::vector<Observation>& observations,
                           std::mt19937_64& rng) {
  std::size_t m = 0;
  for (const Observation& o : observations) m = std::max(m, o.constraints.size());
  std::vector<long> with_margins;
  Eigen::VectorXd labels(long(observations.size()));
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const std::size_t k = observations[i].constraints.size();
    if (k != 0 && k != m) {
      throw std::invalid_argument("observations report different numbers of constraint margins");
    }
    if (k == m && m > 0) with_margins.push_back(long(i));
    // With margins, the labels separate failures that reported none from all else.
    const bool ok = observations[i].feasible || (m > 0 && k == m);
    labels(long(i)) = ok ? 1.0 : -1.0;
  }

  // Models persist from fit to fit: their hyperparameters warm-start the next fit.
  if (margins_.size() != m)
    margins_.assign(m, GaussianProcess(std::size_t(X.cols()), margin_options_));
  for (std::size_t j = 0; j < m; ++j) {
    Eigen::VectorXd t(long(with_margins.size()));
    for (std::size_t i = 0; i < with_margins.size(); ++i) {
      t(long(i)) = observations[std::size_t(with_margins[i])].constraints[j];
    }
    margins_[j].fit(X(with_margins, Eigen::all), t, rng);
  }
  if ((labels.array() < 0).any()) {
    if (!labels_) labels_.emplace(std::size_t(X.cols()), label_options_);
    labels_->fit(X, labels, rng);
  } else {
    labels_.reset();
  }
}

Eigen::VectorXd FeasibilityModel::log_probability(const Eigen::MatrixXd& X) const {
  Eigen::VectorXd log_p = Eigen::VectorXd::Zero(X.rows());
  for (const GaussianProcess& gp : margins_) add_log_probability(gp, X, -1.0, log_p);  // m ≤ 0
  if (labels_) add_log_probability(*labels_, X, 1.0, log_p);                           // label > 0
  return log_p;
}

void FeasibilityModel::believe(const Eigen::VectorXd& x) {
  for (GaussianProcess& gp : margins_) gp.add(x, gp.predict(x).mean);
  if (labels_) labels_->add(x, labels_->predict(x).mean);
}

}  // namespace codesign::search
