// Axis ticks at round numbers, as a reader expects them: steps of 1, 2 or 5 × 10^k on
// linear axes (whole steps on axes that count things), decades on logarithmic axes.
#pragma once

#include <string>
#include <vector>

namespace codesign::report {

struct Tick {
  double value;
  std::string label;  // plain text; a decade's label is "10^k" (the SVG raises the k)
};

struct Axis {
  double lo, hi;  // the drawn range: it contains the data and every tick
  std::vector<Tick> ticks;
};

// A linear axis over [lo, hi] with about `target` ticks at multiples of a 1/2/5 × 10^k step,
// the range widened to the ticks on either side. `integer`: steps of at least 1 (counts).
// Throws std::invalid_argument unless lo <= hi, both finite, and target >= 2.
Axis linear_axis(double lo, double hi, int target, bool integer);

// A logarithmic axis over [lo, hi] (both > 0): decades (every n-th when there are
// more than `target`) when the range holds two or more, else 1/2/5 × 10^k within it, else
// a linear axis's round numbers. The range is not widened past the next tick.
Axis log_axis(double lo, double hi, int target);

}  // namespace codesign::report
