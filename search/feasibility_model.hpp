// P(feasible) for constraints known only after evaluation, learnt from every outcome told.
// When outcomes report constraint margins (feasible where all are ≤ 0), one GP per margin
// models them, P = Π Φ(−μ_j/σ_j); outcomes that report no margins (crashes, build failures)
// are a second failure mode, learnt by a GP on ±1 labels (margins reported or not) with
// P = Φ(μ/σ). Without any margins, that label GP models feasible against infeasible.
#pragma once

#include <Eigen/Dense>
#include <optional>
#include <random>
#include <vector>

#include "search/gaussian_process.hpp"
#include "search/observation.hpp"

namespace codesign::search {

// The label GP's options: ±1 labels, and a zero prior mean, so that far from any outcome
// P(feasible) returns to 1/2.
inline GpOptions default_label_model() {
  GpOptions options;
  options.mean.type = MeanType::kZero;
  options.scale_outputs = false;
  return options;
}

class FeasibilityModel {
 public:
  FeasibilityModel(GpOptions label_options, GpOptions margin_options);

  // Rows of X are the features of the observations' points. Throws std::invalid_argument if
  // observations report different non-zero numbers of margins. With neither margins nor a
  // failure there is nothing to learn and the model stays inactive.
  void fit(const Eigen::MatrixXd& X, const std::vector<Observation>& observations,
           std::mt19937_64& rng);
  bool active() const { return !margins_.empty() || labels_.has_value(); }
  // log P(feasible) at each row of X (0 while inactive).
  Eigen::VectorXd log_probability(const Eigen::MatrixXd& X) const;
  // Adds the models' own mean predictions at x as if observed (kriging believer).
  void believe(const Eigen::VectorXd& x);

 private:
  GpOptions label_options_, margin_options_;
  std::vector<GaussianProcess> margins_;  // one per constraint
  std::optional<GaussianProcess> labels_;
};

}  // namespace codesign::search
