// What an evaluation reports back to a search: the objective (minimised), whether the point
// met the constraints unknown before evaluation, and optionally by how much.
#pragma once

#include <limits>
#include <vector>

#include "search/space.hpp"

namespace codesign::search {

struct Observation {
  // Minimised (pass the log of a quantity that spans decades, such as EDP); NaN when
  // nothing was measured (a crash, a timeout).
  double objective = std::numeric_limits<double>::quiet_NaN();
  bool feasible = true;
  // Optional constraint margins, each ≤ 0 when satisfied; when given, `feasible` must agree.
  std::vector<double> constraints;

  static Observation success(double objective) { return {objective, true, {}}; }
  // Feasibility follows from the margins.
  static Observation with_constraints(double objective, std::vector<double> margins);
  // Evaluated, but an unknown constraint failed.
  static Observation infeasible(double objective) { return {objective, false, {}}; }
  // Nothing measured.
  static Observation failure() { return {std::numeric_limits<double>::quiet_NaN(), false, {}}; }

  // Throws std::invalid_argument for a feasible observation without a finite objective or
  // margins that disagree with `feasible`.
  void validate() const;
};

struct Trial {
  Point x;
  Observation observation;
};

}  // namespace codesign::search
