// Standard constrained test problems for the search benchmark.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "search/observation.hpp"
#include "search/space.hpp"

namespace codesign::search::bench {

struct Problem {
  std::string name;
  Space space;
  // Evaluation: the unknown constraints, if any, come back as margins.
  std::function<Observation(const Point&)> evaluate;
  double target;  // the best feasible value must reach this (the benchmark's pass mark)
  std::size_t budget;
  // The objective in the units reported (and of the target): monotone, identity by default.
  std::function<double(double)> shown = [](double v) { return v; };
};

// Branin on [−5,10]×[0,15] s.t. (x₁−2.5)² + (x₂−7.5)² ≤ 50, constraint unknown.
Problem constrained_branin();
// Gardner et al. 2014: cos 2x₁ cos x₂ + sin x₁ s.t. cos(x₁+x₂) ≤ 0.5 on [0,6]², unknown.
Problem gardner();
// Hartmann-6 on [0,1]⁶ with the known constraint Σxᵢ ≤ 1.5.
Problem constrained_hartmann6();

// The pressure-vessel design problem (Sandgren 1990), mixed: shell and head thicknesses are
// ordinal (multiples of 0.0625 in), radius and length real. The two thickness constraints
// are known; the volume constraint is unknown. The objective told is log(cost); costs are
// shown. Best known cost 6059.71.
Problem pressure_vessel();

// A synthetic mixed problem whose objective depends on derived quantities: the log of a
// product of two powers of two ("total PEs") and a log-integer's ratio to it ("bytes per
// PE"), as in Spotlight's domain-aware features; known constraint on the product.
Problem product_structure();
// The derived features of product_structure(): the GP's view when a feature map is used.
std::vector<double> product_structure_features(const Point& x);

// The same problem with the unknown constraints reported as a bare feasible/infeasible
// label, as a crashed or rejected evaluation would be.
Problem labels_only(Problem p);

}  // namespace codesign::search::bench
