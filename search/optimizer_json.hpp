// Builds any of the search strategies from JSON, so that a study's configuration picks the
// method and its settings:
//   {"method": "bayesian", "seed": 1, "warmup": 10, "acquisition": "log_ei", "kappa": 2,
//    "candidates": 1000, "local_moves": 300}
//   {"method": "random", "seed": 1}
//   {"method": "genetic", "seed": 1, "population": 20, "tournament": 3, "crossover_rate": 0.9,
//    "mutation_rate": 0.5, "mutation_scale": 0.1}
//   {"method": "annealing", "seed": 1, "initial_temperature": 1, "cooling": 0.95,
//    "step_scale": 0.1}
// Every key but "method" is optional and defaults to the options structs' values.
#pragma once

#include <memory>

#include "search/bayesian_optimizer.hpp"
#include "search/optimizer.hpp"
#include "util/json_reader.hpp"

namespace codesign::search {

// `features` applies to the Bayesian optimiser only (code, not configuration). Throws
// util::ConfigError naming the key path of the first problem.
std::unique_ptr<Optimizer> optimizer_from_json(util::JsonObject& object, Space space,
                                               FeatureMap features = {});

}  // namespace codesign::search
