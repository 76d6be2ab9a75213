// Maximises an acquisition over a typed, constrained space without gradients: a pool of
// feasible candidates (constructive samples, local moves around good points), then rounds
// of ever smaller local moves around the best candidates. Every candidate is checked
// against the known constraints before it is scored, so infeasible points are never ranked.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <random>
#include <vector>

#include "search/acquisition.hpp"
#include "search/space.hpp"

namespace codesign::search {

struct CandidateSearchOptions {
  std::size_t samples = 1000;     // draws from the space's sampler
  std::size_t local_moves = 300;  // moves around the given centres
  std::size_t refine_rounds = 5;  // rounds of moves around the best candidates so far
  std::size_t refine_moves = 60;  // per round, spread over refine_centres
  std::size_t refine_centres = 5;
  double scale = 0.1;   // first step, in encoded [0,1] units
  double shrink = 0.3;  // step factor from one round to the next
};

using BatchScorer = std::function<std::vector<Score>(const std::vector<Point>&)>;

// The best-scoring feasible point found for which `skip` is false; nullopt if none is.
std::optional<Point> maximize_acquisition(const Space& space, const BatchScorer& score,
                                          const std::vector<Point>& centres,
                                          const std::function<bool(const Point&)>& skip,
                                          const CandidateSearchOptions& options,
                                          std::mt19937_64& rng);

}  // namespace codesign::search
