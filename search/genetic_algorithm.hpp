// Baseline: a steady-state genetic algorithm. Parents are drawn by tournament from the best
// `population` trials told so far (feasible before infeasible, then by objective, then by
// constraint violation), children by uniform crossover and a local mutation; a child that
// breaks a known constraint is redrawn, never proposed.
#pragma once

#include <cstdint>
#include <memory>

#include "search/optimizer.hpp"

namespace codesign::search {

struct GaOptions {
  std::uint64_t seed = 1;
  std::size_t population = 20;  // also the number of random points before breeding starts
  std::size_t tournament = 3;
  double crossover_rate = 0.9;
  double mutation_rate = 0.5;   // chance a child gets a local move
  double mutation_scale = 0.1;  // in encoded [0,1] units
};

std::unique_ptr<Optimizer> make_optimizer(Space space, GaOptions options);

}  // namespace codesign::search
