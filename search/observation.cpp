#include "search/observation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace codesign::search {

Observation Observation::with_constraints(double objective, std::vector<double> margins) {
  bool ok = std::all_of(margins.begin(), margins.end(), [](double m) { return m <= 0.0; });
  return {objective, ok, std::move(margins)};
}

void Observation::validate() const {
  if (feasible && !std::isfinite(objective)) {
    throw std::invalid_argument("a feasible observation needs a finite objective");
  }
  if (!std::all_of(constraints.begin(), constraints.end(),
                   [](double m) { return std::isfinite(m); })) {
    throw std::invalid_argument("constraint margins must be finite");
  }
  bool ok = std::all_of(constraints.begin(), constraints.end(), [](double m) { return m <= 0; });
  if (!constraints.empty() && ok != feasible) {
    throw std::invalid_argument("'feasible' disagrees with the constraint margins (each <= 0)");
  }
}

}  // namespace codesign::search
