#include "tb/network_on_rtl.hpp"

#include <map>

namespace codesign::tb {

namespace {

// Layers of the same shape with the same mapping and operand seed run identically: one
// run serves them all. The key is everything a run depends on but the name and repeat.
std::string run_key(const MappedLayer& m) {
  nlohmann::json layer = mapping::to_json(m.layer);
  layer.erase("name");
  layer.erase("repeat");
  return layer.dump() + mapping::to_json(m.mapping).dump() + std::to_string(m.seed);
}

}  // namespace

NetworkOnRtl run_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                const systemc::BuildCache& cache, const arch::EnergyTable& energy,
                                double leakage_area_mm2, const MappedRunOptions& options) {
  // Distinct runs in order of first appearance, each with the summed repeats of its layers
  // (so the network's sums are taken over distinct runs, as the search's are).
  std::vector<MappedLayer> runs;
  std::vector<std::size_t> run_of;  // per layer
  std::map<std::string, std::size_t> index;
  for (const MappedLayer& m : layers) {
    const auto [it, fresh] = index.emplace(run_key(m), runs.size());
    if (fresh)
      runs.push_back(m);
    else
      runs[it->second].layer.repeat += m.layer.repeat;
    run_of.push_back(it->second);
  }
  const auto results = run_mapped_layers(hw, runs, cache, options);
  NetworkOnRtl n;
  std::vector<arch::Metrics> metrics;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const MappedLayerResult& r = results[i];
    const mapping::Layer& l = runs[i].layer;
    if (!r.ok()) {
      n.status = r.status == systemc::RtlStatus::kOk ? "mismatch" : systemc::to_string(r.status);
      n.reason = l.name + ": " + r.reason;
      return n;
    }
    metrics.push_back(arch::metrics_of(r.counts, hw, energy, leakage_area_mm2));
    n.energy_pj += l.repeat * metrics.back().energy_pj;
    n.delay_s += l.repeat * metrics.back().delay_s;
  }
  for (std::size_t i = 0; i < layers.size(); ++i)
    n.layers.push_back({{"name", layers[i].layer.name},
                        {"outputs_checked", results[run_of[i]].outputs},
                        {"metrics", arch::to_json(metrics[run_of[i]])}});
  return n;
}

}  // namespace codesign::tb
