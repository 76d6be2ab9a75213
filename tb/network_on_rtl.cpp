#include "tb/network_on_rtl.hpp"

#include <stdexcept>

#include "arch/network_metrics.hpp"

namespace codesign::tb {

NetworkOnRtl price_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                  const std::vector<MappedLayerResult>& results,
                                  const arch::EnergyTable& energy, double leakage_area_mm2) {
  if (results.size() != layers.size())
    throw std::invalid_argument("price_network_on_rtl: " + std::to_string(results.size()) +
                                " results for " + std::to_string(layers.size()) + " layers");
  NetworkOnRtl n;
  arch::NetworkMetrics network;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const MappedLayerResult& r = results[i];
    const mapping::Layer& l = layers[i].layer;
    if (!r.ok()) {
      n.status = r.status == systemc::RtlStatus::kOk ? "mismatch" : systemc::to_string(r.status);
      n.reason = l.name + ": " + r.reason;
      return n;
    }
    const arch::Metrics m = arch::metrics_of(r.counts, hw, energy, leakage_area_mm2);
    network.add(m, l.repeat);
    n.layers.push_back(
        {{"name", l.name}, {"outputs_checked", r.outputs}, {"metrics", arch::to_json(m)}});
  }
  const arch::Metrics total = network.total();
  n.energy_pj = total.energy_pj;
  n.delay_s = total.delay_s;
  return n;
}

NetworkOnRtl run_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                const systemc::BuildCache& cache, const arch::EnergyTable& energy,
                                double leakage_area_mm2, const MappedRunOptions& options) {
  return price_network_on_rtl(hw, layers, run_mapped_layers(hw, layers, cache, options), energy,
                              leakage_area_mm2);
}

}  // namespace codesign::tb
