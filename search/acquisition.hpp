// Acquisition functions for minimisation, and how they combine with the probability that a
// point satisfies the unknown constraints.
#pragma once

#include <limits>

namespace codesign::search {

// log E[max(best − f, 0)] for f ~ N(mean, sigma²); stays finite and informative where the
// improvement is vanishingly unlikely, where plain EI underflows to a flat zero.
double log_expected_improvement(double mean, double sigma, double best);
// μ − κσ: an optimistic value, to minimise.
double lower_confidence_bound(double mean, double sigma, double kappa);
// μ + κσ: a pessimistic value (an optimistic one when maximising).
double upper_confidence_bound(double mean, double sigma, double kappa);

enum class AcquisitionType { kExpectedImprovement, kLowerConfidenceBound };

// How a candidate ranks; higher is better. Candidates that earn a model-based value
// (tier 1) beat those ranked only by their chance of being feasible (tier 0).
struct Score {
  int tier = 0;
  double value = -std::numeric_limits<double>::infinity();
  bool operator<(const Score& other) const {
    return tier != other.tier ? tier < other.tier : value < other.value;
  }
};

struct Acquisition {
  AcquisitionType type = AcquisitionType::kExpectedImprovement;
  double kappa = 2.0;                     // confidence-bound width
  double min_feasible_probability = 0.5;  // confidence bounds rank only likelier points

  // EI: log EI + log P(feasible), or log P(feasible) alone while no feasible point has been
  // seen (best = +inf). LCB: −(μ − κσ) among points with P(feasible) ≥ the threshold, the
  // others ranked by P(feasible).
  Score score(double mean, double sigma, double best, double log_p_feasible) const;
};

}  // namespace codesign::search
