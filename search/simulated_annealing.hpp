// Baseline: simulated annealing. Proposals are local moves from the current point that
// satisfy the known constraints; a told result replaces the current point by the Metropolis
// rule at a temperature that cools geometrically with each tell, relative to the spread of
// the objectives seen. Infeasible and failed outcomes are rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <random>

#include "search/optimizer.hpp"

namespace codesign::search {

struct SaOptions {
  std::uint64_t seed = 1;
  double initial_temperature = 1.0;  // in units of the objectives' standard deviation
  double cooling = 0.95;             // per told trial
  double step_scale = 0.1;           // in encoded [0,1] units
};

class SimulatedAnnealing : public Optimizer {
 public:
  explicit SimulatedAnnealing(Space space, SaOptions options = {});

 protected:
  std::vector<Point> propose(std::size_t q) override;
  void observe(const Trial& trial) override;

 private:
  double temperature() const;

  SaOptions options_;
  std::mt19937_64 rng_;
  std::optional<Trial> current_;
};

}  // namespace codesign::search
