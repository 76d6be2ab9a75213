// Power a design can draw, known before any simulation: leakage of its area plus the dynamic
// power of every PE doing a MAC every cycle with all its registers clocked, fed by one input
// and one weight vector read per cycle (accumulator traffic and DRAM are left out). Search uses it
// as a known constraint (a power budget); measured average power comes from arch::metrics_of.
#pragma once

#include "arch/energy.hpp"
#include "arch/hw_config.hpp"

namespace codesign::area {

struct PowerEstimate {
  double leakage_mw = 0;
  double peak_dynamic_mw = 0;
  double peak_mw() const { return leakage_mw + peak_dynamic_mw; }
};

PowerEstimate estimate_power(const arch::HwConfig& hw, double area_mm2, const arch::EnergyTable& t);

}  // namespace codesign::area
