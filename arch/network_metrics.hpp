// A network's figures from its layers' figures: every layer is measured once and counted
// `repeat` times. The one place where the search, simulate, RTL confirmation, export and
// report add layers up, so that they agree to the bit.
#pragma once

#include "arch/energy.hpp"

namespace codesign::arch {

class NetworkMetrics {
 public:
  // Adds one layer's figures, `repeat` times (repeat ≥ 0).
  void add(const Metrics& layer, int repeat);

  // The network's totals: cycles, delay and energy (by component) summed; EDP, average power
  // and utilisation (cycle-weighted) of the whole.
  Metrics total() const;

 private:
  Metrics sum_;
  double busy_cycles_ = 0;  // Σ utilisation × cycles: useful MACs / PEs
};

}  // namespace codesign::arch
