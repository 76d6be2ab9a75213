#include "tb/network_on_rtl.hpp"

#include <map>
#include <stdexcept>

#include "arch/network_metrics.hpp"
#include "mapping/model.hpp"

namespace codesign::tb {

namespace {

// Everything a run depends on but the layer's name and repeat.
std::string run_key(const MappedLayer& m) {
  return mapping::shape_key(m.layer) + mapping::to_json(m.mapping).dump() + std::to_string(m.seed);
}

}  // namespace

NetworkRuns distinct_runs(const std::vector<MappedLayer>& layers) {
  NetworkRuns r;
  std::map<std::string, std::size_t> index;
  for (const MappedLayer& m : layers) {
    const auto [it, fresh] = index.emplace(run_key(m), r.runs.size());
    if (fresh)
      r.runs.push_back(m);
    else
      r.runs[it->second].layer.repeat += m.layer.repeat;
    r.run_of.push_back(it->second);
  }
  return r;
}

NetworkOnRtl price_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                  const NetworkRuns& runs,
                                  const std::vector<MappedLayerResult>& results,
                                  const arch::EnergyTable& energy, double leakage_area_mm2) {
  if (results.size() != runs.runs.size() || runs.run_of.size() != layers.size())
    throw std::invalid_argument("price_network_on_rtl: " + std::to_string(results.size()) +
                                " results for " + std::to_string(runs.runs.size()) + " runs");
  NetworkOnRtl n;
  arch::NetworkMetrics network;
  std::vector<arch::Metrics> metrics;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const MappedLayerResult& r = results[i];
    const mapping::Layer& l = runs.runs[i].layer;
    if (!r.ok()) {
      n.status = r.status == systemc::RtlStatus::kOk ? "mismatch" : systemc::to_string(r.status);
      n.reason = l.name + ": " + r.reason;
      return n;
    }
    metrics.push_back(mapping::layer_metrics(r.counts, hw, energy, l, leakage_area_mm2));
    network.add(metrics.back(), l.repeat);
  }
  const arch::Metrics total = network.total();
  n.energy_pj = total.energy_pj;
  n.delay_s = total.delay_s;
  for (std::size_t i = 0; i < layers.size(); ++i)
    n.layers.push_back({{"name", layers[i].layer.name},
                        {"outputs_checked", results[runs.run_of[i]].outputs},
                        {"metrics", arch::to_json(metrics[runs.run_of[i]])}});
  return n;
}

NetworkOnRtl run_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                const systemc::BuildCache& cache, const arch::EnergyTable& energy,
                                double leakage_area_mm2, const MappedRunOptions& options) {
  const NetworkRuns runs = distinct_runs(layers);
  return price_network_on_rtl(hw, layers, runs, run_mapped_layers(hw, runs.runs, cache, options),
                              energy, leakage_area_mm2);
}

}  // namespace codesign::tb
