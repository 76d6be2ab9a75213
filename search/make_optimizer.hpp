// Optimisers by name, so a command line or a benchmark can pick one: "bo", "random", "ga",
// "sa".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "search/bayesian_optimizer.hpp"
#include "search/optimizer.hpp"

namespace codesign::search {

struct OptimizerChoice {
  std::string algorithm = "bo";
  std::uint64_t seed = 1;
  std::size_t warmup = 10;  // BO's random feasible points before the model is trusted
};

const std::vector<std::string>& optimizer_names();
// Throws std::invalid_argument naming the accepted names for an unknown algorithm.
// `features` is what BO's surrogate sees of a point (default: the space's encoding).
std::unique_ptr<Optimizer> make_optimizer(Space space, const OptimizerChoice& choice,
                                          FeatureMap features = {});

}  // namespace codesign::search
