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

// Runs every layer once (each `layer.repeat` only multiplies its cost) with every output
// checked; layers of the same shape, mapping and seed share one run. `layers` of the result
// names every layer. `leakage_area_mm2` > 0 prices leakage of that area over each layer's
// delay.
NetworkOnRtl run_network_on_rtl(const arch::HwConfig& hw, const std::vector<MappedLayer>& layers,
                                const systemc::BuildCache& cache, const arch::EnergyTable& energy,
                                double leakage_area_mm2 = 0, const MappedRunOptions& options = {});

}  // namespace codesign::tb
