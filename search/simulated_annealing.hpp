// Baseline: simulated annealing. Proposals are local moves from the current point that
// satisfy the known constraints; a told result replaces the current point by the Metropolis
// rule at a temperature that cools geometrically with each tell, relative to the spread of
// the objectives seen. Infeasible and failed outcomes are rejected.
#pragma once

#include <cstdint>
#include <memory>

#include "search/optimizer.hpp"

namespace codesign::search {

struct SaOptions {
  std::uint64_t seed = 1;
  double initial_temperature = 1.0;  // in units of the objectives' standard deviation
  double cooling = 0.95;             // per told trial
  double step_scale = 0.1;           // in encoded [0,1] units
};

std::unique_ptr<Optimizer> make_optimizer(Space space, SaOptions options);

}  // namespace codesign::search
