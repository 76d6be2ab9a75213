// The inner search: the best mapping of one layer on one hardware point, by the analytical
// model, with any optimiser of search/ over the layer's mapspace (its constructive sampler
// and validity predicate make every proposal valid). Earlier hardware points' best
// mappings of the same layer warm-start it when they are still valid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"
#include "search/make_optimizer.hpp"

namespace codesign::search {

struct MapperOptions {
  std::string algorithm = "random";
  std::size_t budget = 300;  // model evaluations per layer (warm starts included)
  std::uint64_t seed = 1;
};

struct LayerMapping {
  mapping::Mapping mapping;
  arch::ActionCounts counts;  // one occurrence
  arch::Metrics metrics;      // one occurrence
  std::size_t evaluations = 0;
};

// The layer's EDP objective the inner search minimises: log(energy pJ × cycles).
double layer_objective(const arch::Metrics& m);

// nullopt when the layer has no valid mapping on this hardware (an unknown constraint of
// the hardware point, learnt by the outer search; mapping::Mapspace::unmappable_reason
// says why). `leakage_area_mm2` > 0 prices that
// area's leakage over each mapping's delay.
std::optional<LayerMapping> best_mapping(const arch::HwConfig& hw, const mapping::Layer& layer,
                                         const arch::EnergyTable& energy,
                                         const MapperOptions& options,
                                         const std::vector<mapping::Mapping>& warm_starts = {},
                                         double leakage_area_mm2 = 0);

}  // namespace codesign::search
