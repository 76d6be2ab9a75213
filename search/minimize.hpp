// The whole loop for a function evaluated in this process: ask, evaluate, tell, until the
// stopping rule says so. (Evaluations that run elsewhere or in parallel drive ask/tell
// themselves.)
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

#include "search/optimizer.hpp"

namespace codesign::search {

// When a search stops: whichever criterion comes first. Any driver can ask it; minimize does.
struct StopRule {
  explicit StopRule(std::size_t evaluations = 100) : budget(evaluations) {}

  std::size_t budget;  // evaluations
  // Wall-clock limit for the whole search.
  std::chrono::steady_clock::duration time_limit = std::chrono::steady_clock::duration::max();
  // Polled at every check (e.g. a flag set by a signal handler): true stops at once.
  std::function<bool()> stop_requested;

  // True once `evaluations` reach the budget, `elapsed` the time limit, or a stop is requested.
  bool reached(std::size_t evaluations, std::chrono::steady_clock::duration elapsed) const;
};

// Asks for `batch` points at a time (fewer when the budget has fewer left) and tells each
// outcome, checking the rule after every evaluation; points asked for but not evaluated when
// the loop stops stay pending. Returns the number of evaluations done.
std::size_t minimize(Optimizer& optimizer, const std::function<Observation(const Point&)>& evaluate,
                     const StopRule& rule, std::size_t batch = 1);

}  // namespace codesign::search
