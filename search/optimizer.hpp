// The ask/tell interface every search strategy implements. Evaluations may run elsewhere,
// finish out of order or fail: points asked for but not yet told are "pending", and every
// outcome, failures included, is told back.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "search/observation.hpp"
#include "search/space.hpp"

namespace codesign::search {

class Optimizer {
 public:
  explicit Optimizer(Space space);
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // q points to evaluate next, each satisfying the space's known constraints.
  std::vector<Point> ask(std::size_t q = 1);
  // Reports the outcome at x (normally a point from ask; any point of the feasible space is
  // accepted, e.g. a known baseline design).
  void tell(const Point& x, const Observation& observation);
  // Drops a pending point whose evaluation will never report (a lost job), without an
  // observation; a job that failed should be told as Observation::failure() instead.
  void abandon(const Point& x);

  const Space& space() const { return space_; }
  const std::vector<Trial>& trials() const { return trials_; }
  // The feasible trial with the lowest objective; nullptr while there is none.
  const Trial* best() const;

 protected:
  virtual std::vector<Point> propose(std::size_t q) = 0;
  // Called after each tell, with the trial just recorded.
  virtual void observe(const Trial& trial) { (void)trial; }

  // Asked for and not yet told, oldest first.
  std::vector<Point> pending() const;
  // Told or pending: a strategy proposes such a point again only when nothing else is found.
  bool seen(const Point& x) const;
  // A feasible sample that is not seen() and not in `also`, if a few draws find one.
  Point fresh_sample(std::mt19937_64& rng, const std::vector<Point>& also = {}) const;

 private:
  Space space_;
  std::vector<Trial> trials_;
  std::set<Point> told_;
  std::multimap<Point, std::size_t> pending_;  // point → ask sequence number
  std::size_t asked_ = 0;
};

struct StopRule {
  std::size_t budget = 100;  // evaluations
  std::size_t batch = 1;     // points per ask
  // Wall-clock limit for the whole loop, checked after every evaluation.
  std::chrono::steady_clock::duration time_limit = std::chrono::steady_clock::duration::max();
  // Polled after every evaluation (e.g. a flag set by a signal handler): true stops at once.
  std::function<bool()> stop_requested;
};

// Ask, evaluate, tell until the budget is spent, the time limit passes or a stop is
// requested; points already asked for but not evaluated stay pending. Returns the number of
// evaluations done.
std::size_t minimize(Optimizer& optimizer, const std::function<Observation(const Point&)>& evaluate,
                     const StopRule& rule);

}  // namespace codesign::search
