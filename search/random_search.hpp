// Baseline: independent feasible samples of the space (its sampler, or rejection sampling).
#pragma once

#include <cstdint>
#include <random>

#include "search/optimizer.hpp"

namespace codesign::search {

struct RandomOptions {
  std::uint64_t seed = 1;
};

class RandomSearch : public Optimizer {
 public:
  explicit RandomSearch(Space space, RandomOptions options = {});

 protected:
  std::vector<Point> propose(std::size_t q) override;

 private:
  std::mt19937_64 rng_;
};

}  // namespace codesign::search
