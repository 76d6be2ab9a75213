// Reads a search strategy and its settings from JSON into typed options (the configuration
// boundary; the library itself takes only the options structs):
//   {"method": "bayesian", "seed": 1, "warmup": 10, "kernel": "matern52", "mean": "data",
//    "acquisition": "log_ei", "kappa": 2, "candidates": 1000, "local_moves": 300}
//     kernel: matern52 | matern32 | squared_exponential; mean: data | zero | constant (with
//     "mean_value"); acquisition: log_ei | pi | lcb ("kappa" goes with lcb)
//   {"method": "random", "seed": 1}
//   {"method": "genetic", "seed": 1, "population": 20, "tournament": 3, "crossover_rate": 0.9,
//    "mutation_rate": 0.5, "mutation_scale": 0.1}
//   {"method": "annealing", "seed": 1, "initial_temperature": 1, "cooling": 0.95,
//    "step_scale": 0.1}
// Every key but "method" is optional and defaults to the options structs' values.
#pragma once

#include "search/make_optimizer.hpp"
#include "util/json_reader.hpp"

namespace codesign::search {

// Throws util::ConfigError naming the key path of the first problem.
OptimizerOptions optimizer_options_from_json(util::JsonObject& object);

}  // namespace codesign::search
