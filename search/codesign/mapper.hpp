// The inner search: the best mapping of one layer on one hardware point, by the analytical
// model. It starts from the mappings an expert would try (earlier hardware points' best
// mappings of the same layer when still valid, then mapping/canonical_mappings.hpp) and
// refines from them: most evaluations are local moves (one to a few tile, order, double-
// buffering or row-loop changes, mapping::Mapspace::neighbour) from the best mapping so
// far; every fourth is proposed by an optimiser of search/ over the layer's mapspace,
// told every evaluated point, seeds included, so that it explores away from them.
// A deeper search sees the same first points, then more: it is never worse.
// A depthwise layer is searched in each of its forms, the layer itself and its lowerings to
// patches of t x t output pixels (mapping/patch_lowering.hpp, t*t up to the array's
// columns), the budget shared between them; the best of all forms wins.
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

// What the inner search minimises per layer: energy × delay, or delay (cycles) with energy
// breaking ties.
enum class MapperObjective { kEdp, kDelay };

struct MapperOptions {
  std::string algorithm = "random";  // the optimiser proposing the exploring evaluations
  std::size_t budget = 300;          // model evaluations per layer (warm starts and seeds included)
  std::uint64_t seed = 1;
  MapperObjective objective = MapperObjective::kEdp;
};

struct LayerMapping {
  mapping::Mapping mapping;
  arch::ActionCounts counts;  // one occurrence
  arch::Metrics metrics;      // one occurrence
  std::size_t evaluations = 0;
  std::size_t evaluations_to_best = 0;  // the evaluation (1-based) that found `mapping`
  double seconds = 0;                   // wall time of the whole search
  double seconds_to_best = 0;           // wall time until `mapping` was found
};

// The layer's EDP objective: log(energy pJ × cycles).
double layer_objective(const arch::Metrics& m);
// The layer objective `objective` selects (log of EDP or of cycles).
double layer_objective(const arch::Metrics& m, MapperObjective objective);

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
