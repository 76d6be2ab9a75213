#include "arch/network_metrics.hpp"

#include <stdexcept>

namespace codesign::arch {

void NetworkMetrics::add(const Metrics& layer, int repeat) {
  if (repeat < 0) throw std::invalid_argument("NetworkMetrics::add: negative repeat");
  const double times = repeat;
  sum_.cycles += static_cast<std::uint64_t>(repeat) * layer.cycles;
  sum_.delay_s += times * layer.delay_s;
  EnergyBreakdown& e = sum_.energy;
  e.mac_pj += times * layer.energy.mac_pj;
  e.register_pj += times * layer.energy.register_pj;
  e.input_buffer_pj += times * layer.energy.input_buffer_pj;
  e.weight_buffer_pj += times * layer.energy.weight_buffer_pj;
  e.accumulator_buffer_pj += times * layer.energy.accumulator_buffer_pj;
  e.dram_pj += times * layer.energy.dram_pj;
  e.leakage_pj += times * layer.energy.leakage_pj;
  sum_.energy_pj += times * layer.energy_pj;
  busy_cycles_ += times * layer.utilisation * static_cast<double>(layer.cycles);
}

Metrics NetworkMetrics::total() const {
  Metrics m = sum_;
  m.edp_js = m.energy_pj * 1e-12 * m.delay_s;
  m.utilisation = m.cycles ? busy_cycles_ / static_cast<double>(m.cycles) : 0;
  m.average_power_mw = m.delay_s > 0 ? m.energy_pj * 1e-9 / m.delay_s : 0;  // pJ/s → mW
  return m;
}

}  // namespace codesign::arch
