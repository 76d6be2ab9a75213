// Baseline: independent feasible samples of the space (its sampler, or rejection sampling).
#pragma once

#include <cstdint>
#include <memory>

#include "search/optimizer.hpp"

namespace codesign::search {

struct RandomOptions {
  std::uint64_t seed = 1;
};

std::unique_ptr<Optimizer> make_optimizer(Space space, RandomOptions options);

}  // namespace codesign::search
