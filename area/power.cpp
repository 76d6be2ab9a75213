#include "area/power.hpp"

namespace codesign::area {

PowerEstimate estimate_power(const arch::HwConfig& hw, double area_mm2,
                             const arch::EnergyTable& t) {
  const arch::BuildConfig& b = hw.build;
  // One cycle of the array at full utilisation, fed by one input and one weight vector read,
  // priced by the same table as measured runs.
  arch::ActionCounts busy;
  busy.cycles = 1;
  busy.macs = static_cast<std::uint64_t>(b.rows) * static_cast<std::uint64_t>(b.cols);
  busy.input_reads = 1;
  busy.weight_reads = 1;
  const double pj_per_cycle = arch::energy_of(busy, b, t).total_pj();
  PowerEstimate p;
  p.leakage_mw = t.leakage_mw_per_mm2 * area_mm2;
  p.peak_dynamic_mw = pj_per_cycle * hw.run.clock_mhz * 1e-3;  // pJ × MHz = µW
  return p;
}

}  // namespace codesign::area
