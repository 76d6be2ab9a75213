#include "search/acquisition.hpp"

#include <cmath>
#include <stdexcept>

#include "search/normal.hpp"

namespace codesign::search {
namespace {

// Ranks by the chance of feasibility alone.
Score feasibility_only(double log_p_feasible) { return {0, log_p_feasible}; }

class ExpectedImprovement final : public Acquisition {
 public:
  Score score(double mean, double sigma, double best, double log_p_feasible) const override {
    if (!std::isfinite(best)) return feasibility_only(log_p_feasible);
    return {1, log_expected_improvement(mean, sigma, best) + log_p_feasible};
  }
};

class ProbabilityOfImprovement final : public Acquisition {
 public:
  Score score(double mean, double sigma, double best, double log_p_feasible) const override {
    if (!std::isfinite(best)) return feasibility_only(log_p_feasible);
    return {1, log_probability_of_improvement(mean, sigma, best) + log_p_feasible};
  }
};

class LowerConfidenceBound final : public Acquisition {
 public:
  LowerConfidenceBound(double kappa, double min_feasible_probability)
      : kappa_(kappa), log_threshold_(std::log(min_feasible_probability)) {}
  Score score(double mean, double sigma, double, double log_p_feasible) const override {
    if (!(log_p_feasible >= log_threshold_)) return feasibility_only(log_p_feasible);
    return {1, -lower_confidence_bound(mean, sigma, kappa_)};
  }

 private:
  double kappa_, log_threshold_;
};

}  // namespace

double log_expected_improvement(double mean, double sigma, double best) {
  if (!(sigma > 0.0)) {
    return mean < best ? std::log(best - mean) : -std::numeric_limits<double>::infinity();
  }
  return std::log(sigma) + log_expected_improvement_unit((best - mean) / sigma);
}

double log_probability_of_improvement(double mean, double sigma, double best) {
  if (!(sigma > 0.0)) return mean < best ? 0.0 : -std::numeric_limits<double>::infinity();
  return log_normal_cdf((best - mean) / sigma);
}

double lower_confidence_bound(double mean, double sigma, double kappa) {
  return mean - kappa * sigma;
}

std::unique_ptr<Acquisition> make_acquisition(const AcquisitionOptions& options) {
  switch (options.type) {
    case AcquisitionType::kExpectedImprovement:
      return std::make_unique<ExpectedImprovement>();
    case AcquisitionType::kProbabilityOfImprovement:
      return std::make_unique<ProbabilityOfImprovement>();
    case AcquisitionType::kLowerConfidenceBound:
      if (!(options.kappa >= 0 && options.min_feasible_probability > 0 &&
            options.min_feasible_probability <= 1)) {
        throw std::invalid_argument(
            "AcquisitionOptions: need kappa >= 0 and min_feasible_probability in (0, 1]");
      }
      return std::make_unique<LowerConfidenceBound>(options.kappa,
                                                    options.min_feasible_probability);
  }
  throw std::invalid_argument("make_acquisition: unknown acquisition type");
}

}  // namespace codesign::search
