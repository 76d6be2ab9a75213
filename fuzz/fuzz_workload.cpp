// Fuzzes the workload reader (configs/workloads/*.json) and what every accepted layer feeds:
// its derived sizes and counts, its DRAM layout, and the mapspace on the default hardware
// (the reason a layer cannot be mapped, or a sampled mapping that must be valid).
#include <random>

#include "arch/hw_config.hpp"
#include "fuzz/fuzz_config.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/validity.hpp"
#include "mapping/workload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace codesign;
  return fuzz::fuzz_config(data, size, [](const nlohmann::json& j) {
    const mapping::Workload w = mapping::workload_from_json(j, "fuzz.json");
    if (w.total_macs() > mapping::kMaxWorkloadMacs) fuzz::finding("MACs over the limit");
    const arch::BuildConfig hw;  // the default 16x16 point
    for (const mapping::Layer& l : w.layers) {
      if (l.padding_macs() > l.macs())
        fuzz::finding("more padding MACs than MACs:", l.name.c_str());
      const nlohmann::json again = mapping::to_json(l);
      if (mapping::to_json(mapping::layer_from_json(again, "round trip")) != again)
        fuzz::finding("layer changed in a round trip:", again.dump().c_str());
      mapping::dram_layout_of(hw, mapping::flattened(l));
      const mapping::Mapspace space(hw, l);
      if (!space.unmappable_reason().empty()) continue;
      std::mt19937_64 rng(1);
      const mapping::Mapping m = space.sample(rng);
      const std::string why = mapping::check_mapping(hw, l, m);
      if (!why.empty()) fuzz::finding("sampled an invalid mapping:", why.c_str());
    }
  });
}
