// Optimisers from typed options: each strategy's options struct picks it, so a program
// chooses the method, and for BO its parts (kernel, mean, acquisition, candidate search),
// with checked types; configuration files are read into these options at the boundary
// (search/optimizer_json.hpp). And by short name, for a command line: "bo", "random", "ga",
// "sa".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "search/bayesian_optimizer.hpp"
#include "search/genetic_algorithm.hpp"
#include "search/optimizer.hpp"
#include "search/random_search.hpp"
#include "search/simulated_annealing.hpp"

namespace codesign::search {

// Each strategy's header declares make_optimizer for its own options; this one takes any.
using OptimizerOptions = std::variant<BoOptions, RandomOptions, GaOptions, SaOptions>;

std::unique_ptr<Optimizer> make_optimizer(Space space, OptimizerOptions options);

struct OptimizerChoice {
  std::string algorithm = "bo";
  std::uint64_t seed = 1;
  std::size_t warmup = 10;  // BO's random feasible points before the model is trusted
};

const std::vector<std::string>& optimizer_names();
// The named algorithm's default options with the choice's seed (and BO's warm-up). Throws
// std::invalid_argument naming the accepted names for an unknown algorithm. `features` is
// what BO's surrogate sees of a point (default: the space's encoding).
OptimizerOptions optimizer_options(const OptimizerChoice& choice, FeatureMap features = {});
std::unique_ptr<Optimizer> make_optimizer(Space space, const OptimizerChoice& choice,
                                          FeatureMap features = {});

}  // namespace codesign::search
