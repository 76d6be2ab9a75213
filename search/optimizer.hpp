// The ask/tell interface every search strategy implements. Evaluations may run elsewhere,
// finish out of order or fail: points asked for but not yet told are "pending", and every
// outcome, failures included, is told back (a lost evaluation as Observation::failure()).
#pragma once

#include <cstddef>
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

}  // namespace codesign::search
