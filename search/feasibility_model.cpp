#include "search/feasibility_model.hpp"

#include <algorithm>
#include <cmath>

#include "search/normal.hpp"

namespace codesign::search {

FeasibilityModel::FeasibilityModel(GpOptions label_options, GpOptions margin_options)
    : label_options_(label_options), margin_options_(margin_options) {}

void FeasibilityModel::fit(const Eigen::MatrixXd& X, const std::vector<Observation>& observations,
                           std::mt19937_64& rng) {
  const std::size_t m = observations.empty() ? 0 : observations.front().constraints.size();
  const bool margins =
      m > 0 && std::all_of(observations.begin(), observations.end(),
                           [&](const Observation& o) { return o.constraints.size() == m; });
  const bool any_infeasible = std::any_of(observations.begin(), observations.end(),
                                          [](const Observation& o) { return !o.feasible; });
  std::vector<Eigen::VectorXd> targets;
  if (margins) {
    for (std::size_t j = 0; j < m; ++j) {
      Eigen::VectorXd t(long(observations.size()));
      for (std::size_t i = 0; i < observations.size(); ++i) {
        t(long(i)) = observations[i].constraints[j];
      }
      targets.push_back(t);
    }
  } else if (any_infeasible) {
    Eigen::VectorXd t(long(observations.size()));
    for (std::size_t i = 0; i < observations.size(); ++i) {
      t(long(i)) = observations[i].feasible ? 1.0 : -1.0;
    }
    targets.push_back(t);
  }
  // Keep the fitted models (and so their hyperparameters, a warm start) if the kind holds.
  if (margins != on_margins_ || models_.size() != targets.size()) {
    models_.clear();
    for (std::size_t j = 0; j < targets.size(); ++j) {
      models_.emplace_back(std::size_t(X.cols()), margins ? margin_options_ : label_options_);
    }
    on_margins_ = margins;
  }
  for (std::size_t j = 0; j < targets.size(); ++j) models_[j].fit(X, targets[j], rng);
}

Eigen::VectorXd FeasibilityModel::log_probability(const Eigen::MatrixXd& X) const {
  Eigen::VectorXd log_p = Eigen::VectorXd::Zero(X.rows());
  Eigen::VectorXd mean, variance;
  for (const GaussianProcess& gp : models_) {
    gp.predict(X, mean, variance);
    // Feasible where a margin is ≤ 0, or where a label is > 0.
    const double sign = on_margins_ ? -1.0 : 1.0;
    for (long i = 0; i < X.rows(); ++i) {
      log_p(i) += log_normal_cdf(sign * mean(i) / std::sqrt(variance(i)));
    }
  }
  return log_p;
}

void FeasibilityModel::believe(const Eigen::VectorXd& x) {
  for (GaussianProcess& gp : models_) gp.add(x, gp.predict(x).mean);
}

}  // namespace codesign::search
