// A small mixed-type constrained problem shared by the optimiser tests: five typed
// parameters, a binding known constraint and a binding unknown one that crashes evaluations.
#pragma once

#include <cmath>

#include "search/observation.hpp"
#include "search/space.hpp"

namespace codesign::search::testing {

inline Space mixed_problem_space() {
  Space s;
  s.add(Parameter::real("a", -5, 5))
      .add(Parameter::real("b", -5, 5))
      .add(Parameter::integer("n", 0, 30))
      .add(Parameter::power_of_two("m", 1, 1024))
      .add(Parameter::categorical("c", {"x", "y", "z"}));
  s.constrain([](const Point& x) { return x[0] - x[1] <= 3.0; });
  return s;
}

// Minimum 0 would be at a=1.5, b=−2, n=17, m=64, c=z; both constraints cut it off.
inline bool crashes(const Point& x) { return x[2] + 2 * std::log2(x[3]) > 26; }

inline Observation evaluate_mixed_problem(const Point& x) {
  if (crashes(x)) return Observation::failure();
  double n = (x[2] - 17) / 5, m = std::log2(x[3]) - 6;
  return Observation::success(std::pow(x[0] - 1.5, 2) + 0.5 * std::pow(x[1] + 2, 2) + n * n +
                              m * m / 4 + (x[4] == 2 ? 0.0 : 1.5));
}

}  // namespace codesign::search::testing
