// A network's layers run on the RTL and priced: what `codesign search` confirms and
// `codesign export` re-simulates, computed one way so that the two agree to the bit.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "tb/mapped_layer.hpp"

namespace codesign::tb {

struct NetworkOnRtl {
  std::string status = "ok";  // else the first failing layer's: "mismatch", "build_failure", ...
  std::string reason;         // "layer: what went wrong"
  double energy_pj = 0;       // every layer's `repeat` counted
  double delay_s = 0;
  nlohmann::json layers = nlohmann::json::array();  // name, outputs_checked, metrics
  bool ok() const { return status == "ok"; }
  double edp_js() const { return ok() ? energy_pj * 1e-12 * delay_s : 0; }
};

// A network's distinct runs: layers of the same shape, mapping and operand seed run
// identically, so one run serves them all. Runs are in order of first appearance, each with
// the summed repeats of its layers; run_of[i] is layers[i]'s run.
struct NetworkRuns {
  std::vector<MappedLayer> runs;
  std::vector<std::size_t> run_of;
};
NetworkRuns distinct_runs(const std::vector<MappedLayer>& layers);

// Prices a network from its distinct runs' results (results[k] is runs.runs[k]'s, wherever
// it ran): sums over the runs with their repeats, the first failed run fails the network;
// `layers` of the result names every layer. `leakage_area_mm2` > 0 prices leakage of that
// area over each layer's delay.
NetworkOnRtl price_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                  const NetworkRuns& runs,
                                  const std::vector<MappedLayerResult>& results,
                                  const arch::EnergyTable& energy, double leakage_area_mm2 = 0);

// Runs every distinct run once with every output checked, and prices the network.
NetworkOnRtl run_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                const systemc::BuildCache& cache, const arch::EnergyTable& energy,
                                double leakage_area_mm2 = 0, const MappedRunOptions& options = {});

}  // namespace codesign::tb
