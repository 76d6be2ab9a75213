// Acquisition functions for minimisation, each combined with the probability that a point
// satisfies the unknown constraints: one interface, so the optimiser is written once for
// every acquisition.
#pragma once

#include <limits>
#include <memory>

namespace codesign::search {

// log E[max(best − f, 0)] for f ~ N(mean, sigma²); stays finite and informative where the
// improvement is vanishingly unlikely, where plain EI underflows to a flat zero.
double log_expected_improvement(double mean, double sigma, double best);
// log P(f < best) for f ~ N(mean, sigma²), finite far into the tail.
double log_probability_of_improvement(double mean, double sigma, double best);
// μ − κσ: an optimistic value, to minimise.
double lower_confidence_bound(double mean, double sigma, double kappa);

// How a candidate ranks; higher is better. Candidates that earn a model-based value
// (tier 1) beat those ranked only by their chance of being feasible (tier 0).
struct Score {
  int tier = 0;
  double value = -std::numeric_limits<double>::infinity();
  bool operator<(const Score& other) const {
    return tier != other.tier ? tier < other.tier : value < other.value;
  }
};

class Acquisition {
 public:
  virtual ~Acquisition() = default;
  // The score of a candidate whose objective the model predicts as N(mean, sigma²) and which
  // is feasible with probability exp(log_p_feasible), given the best feasible objective so
  // far (+inf while there is none).
  virtual Score score(double mean, double sigma, double best, double log_p_feasible) const = 0;
};

enum class AcquisitionType {
  // log EI + log P(feasible): constrained EI (Gardner et al. 2014), in log space.
  kExpectedImprovement,
  // log PI + log P(feasible).
  kProbabilityOfImprovement,
  // −(μ − κσ) among points with P(feasible) ≥ min_feasible_probability.
  kLowerConfidenceBound,
};

struct AcquisitionOptions {
  AcquisitionType type = AcquisitionType::kExpectedImprovement;
  double kappa = 2.0;                     // confidence-bound width
  double min_feasible_probability = 0.5;  // confidence bounds rank only likelier points
};

// Every acquisition ranks candidates by log P(feasible) alone (tier 0) where it has no model
// value to give: EI and PI while no feasible point has been seen, the confidence bound below
// its feasibility threshold. Throws std::invalid_argument for κ < 0 or a threshold outside
// (0, 1].
std::unique_ptr<Acquisition> make_acquisition(const AcquisitionOptions& options);

}  // namespace codesign::search
