#include "search/minimize.hpp"

#include <algorithm>
#include <stdexcept>

namespace codesign::search {

bool StopRule::reached(std::size_t evaluations, std::chrono::steady_clock::duration elapsed) const {
  return evaluations >= budget || elapsed >= time_limit || (stop_requested && stop_requested());
}

std::size_t minimize(Optimizer& optimizer, const std::function<Observation(const Point&)>& evaluate,
                     const StopRule& rule, std::size_t batch) {
  if (batch == 0) throw std::invalid_argument("minimize: batch must be at least 1");
  const auto start = std::chrono::steady_clock::now();
  std::size_t done = 0;
  auto stop = [&] { return rule.reached(done, std::chrono::steady_clock::now() - start); };
  while (!stop()) {
    for (const Point& x : optimizer.ask(std::min(batch, rule.budget - done))) {
      optimizer.tell(x, evaluate(x));
      ++done;
      if (stop()) break;
    }
  }
  return done;
}

}  // namespace codesign::search
