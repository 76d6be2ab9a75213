#include "search/acquisition.hpp"

#include <cmath>

#include "search/normal.hpp"

namespace codesign::search {

double log_expected_improvement(double mean, double sigma, double best) {
  if (!(sigma > 0.0)) {
    return mean < best ? std::log(best - mean) : -std::numeric_limits<double>::infinity();
  }
  return std::log(sigma) + log_expected_improvement_unit((best - mean) / sigma);
}

double lower_confidence_bound(double mean, double sigma, double kappa) {
  return mean - kappa * sigma;
}

double upper_confidence_bound(double mean, double sigma, double kappa) {
  return mean + kappa * sigma;
}

Score Acquisition::score(double mean, double sigma, double best, double log_p_feasible) const {
  switch (type) {
    case AcquisitionType::kExpectedImprovement:
      if (std::isfinite(best)) {
        return {1, log_expected_improvement(mean, sigma, best) + log_p_feasible};
      }
      break;
    case AcquisitionType::kLowerConfidenceBound:
      if (log_p_feasible >= std::log(min_feasible_probability)) {
        return {1, -lower_confidence_bound(mean, sigma, kappa)};
      }
      break;
  }
  return {0, log_p_feasible};
}

}  // namespace codesign::search
