// P(feasible) for constraints known only after evaluation, learnt from every outcome told:
// one GP per constraint margin when every observation reports margins (feasible where all
// margins ≤ 0), otherwise a GP on ±1 labels with P(feasible) = Φ(μ/σ).
#pragma once

#include <Eigen/Dense>
#include <random>
#include <vector>

#include "search/gaussian_process.hpp"
#include "search/observation.hpp"

namespace codesign::search {

class FeasibilityModel {
 public:
  FeasibilityModel(GpOptions label_options, GpOptions margin_options);

  // Rows of X are the features of the observations' points. With neither margins nor an
  // infeasible outcome there is nothing to learn and the model stays inactive.
  void fit(const Eigen::MatrixXd& X, const std::vector<Observation>& observations,
           std::mt19937_64& rng);
  bool active() const { return !models_.empty(); }
  // log P(feasible) at each row of X (0 while inactive).
  Eigen::VectorXd log_probability(const Eigen::MatrixXd& X) const;
  // Adds the model's own mean prediction at x as if observed (kriging believer).
  void believe(const Eigen::VectorXd& x);

 private:
  GpOptions label_options_, margin_options_;
  bool on_margins_ = false;
  std::vector<GaussianProcess> models_;
};

}  // namespace codesign::search
