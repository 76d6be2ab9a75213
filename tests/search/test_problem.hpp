// A small mixed-type constrained problem shared by the optimiser tests: five typed
// parameters, a binding known constraint and a binding unknown one that crashes evaluations;
// and the loop that runs an optimiser on it.
#pragma once

#include <cmath>
#include <cstdint>
#include <variant>
#include <vector>

#include "search/make_optimizer.hpp"
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

// Asks for `batch` points at a time until `budget` are evaluated on the mixed problem;
// returns every point asked for, in order.
inline std::vector<Point> run(Optimizer& opt, std::size_t budget, std::size_t batch) {
  std::vector<Point> asked;
  while (asked.size() < budget) {
    for (const Point& x : opt.ask(batch)) {
      asked.push_back(x);
      opt.tell(x, evaluate_mixed_problem(x));
    }
  }
  return asked;
}

inline double best_value(const Optimizer& opt) {
  return opt.best() ? opt.best()->observation.objective : INFINITY;
}

// BO with fewer candidates than by default: quicker, and still far better than random.
inline BoOptions fast_bo_options(std::uint64_t seed = 1) {
  BoOptions o;
  o.seed = seed;
  o.warmup = 8;
  o.candidates.samples = 300;
  o.candidates.local_moves = 100;
  return o;
}

inline OptimizerOptions with_seed(OptimizerOptions options, std::uint64_t seed) {
  std::visit([seed](auto& o) { o.seed = seed; }, options);
  return options;
}

}  // namespace codesign::search::testing
