#include "search/optimizer.hpp"

#include <algorithm>
#include <stdexcept>

namespace codesign::search {

Optimizer::Optimizer(Space space) : space_(std::move(space)) {
  if (space_.size() == 0) throw std::invalid_argument("optimizer: the space has no parameters");
}

std::vector<Point> Optimizer::ask(std::size_t q) {
  std::vector<Point> points = propose(q);
  if (points.size() != q) throw std::logic_error("optimizer proposed the wrong number of points");
  for (const Point& x : points) {
    if (!space_.feasible(x)) {
      throw std::logic_error("optimizer proposed a point violating the known constraints: " +
                             space_.describe(x));
    }
    pending_.emplace(x, asked_++);
  }
  return points;
}

void Optimizer::tell(const Point& x, const Observation& observation) {
  if (!space_.feasible(x)) {
    throw std::invalid_argument("tell: point outside the feasible space: " + space_.describe(x));
  }
  observation.validate();
  auto it = pending_.find(x);
  if (it != pending_.end()) pending_.erase(it);
  told_.insert(x);
  trials_.push_back({x, observation});
  observe(trials_.back());
}

const Trial* Optimizer::best() const {
  const Trial* best = nullptr;
  for (const Trial& t : trials_) {
    if (t.observation.feasible &&
        (!best || t.observation.objective < best->observation.objective)) {
      best = &t;
    }
  }
  return best;
}

std::vector<Point> Optimizer::pending() const {
  std::vector<std::pair<std::size_t, Point>> order;
  for (const auto& [x, seq] : pending_) order.emplace_back(seq, x);
  std::sort(order.begin(), order.end());
  std::vector<Point> points;
  for (auto& [seq, x] : order) points.push_back(std::move(x));
  return points;
}

bool Optimizer::seen(const Point& x) const { return told_.count(x) || pending_.count(x); }

Point Optimizer::fresh_sample(std::mt19937_64& rng, const std::vector<Point>& also) const {
  const int kTries = 20;
  Point x;
  for (int i = 0; i < kTries; ++i) {
    x = space_.sample(rng);
    if (!seen(x) && std::find(also.begin(), also.end(), x) == also.end()) break;
  }
  return x;  // a small, exhausted space may repeat a point: still a valid proposal
}

}  // namespace codesign::search
