// The nested co-design search (after Shi et al. 2020): an outer optimiser proposes hardware
// points that meet every budget; for each, an inner search finds the best mapping of every
// distinct layer shape by the analytical model; the point scores the network's EDP =
// (Σ energy) × (Σ delay) with repeated layers counted. A point where some layer has no
// valid mapping is infeasible — an unknown constraint the outer search learns.
// Layers of the same shape are searched once, but every result names every layer of the
// user's workload with its own repeat.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mapping/workload.hpp"
#include "search/codesign/hw_space.hpp"
#include "search/codesign/mapper.hpp"

namespace codesign::search {

struct LayerResult {
  mapping::Layer layer;  // as in the workload: its own name and repeat
  LayerMapping best;     // the same for every layer of this shape
};

struct HwEvaluation {
  arch::HwConfig hw;
  bool feasible = false;
  std::string reason;    // why not feasible
  double energy_pj = 0;  // network, repeats counted
  double delay_s = 0;
  std::uint64_t cycles = 0;
  double edp_js = 0;
  // Every layer of the workload, in its order (if infeasible, those mapped before the
  // failing one).
  std::vector<LayerResult> layers;
  std::size_t model_evaluations = 0;
  double wall_s = 0;
  double area_mm2 = 0;  // set by a caller with an area model; 0: not known
};

// Remembers the best mappings found per layer shape, to warm-start later inner searches.
class WarmStarts {
 public:
  std::vector<mapping::Mapping> of(const mapping::Layer& l) const;
  void add(const mapping::Layer& l, const mapping::Mapping& m);
  // The mappings of one evaluated point, every layer of its workload in order: each shape
  // is remembered once, as one inner search found it.
  void add_point(const std::vector<std::pair<mapping::Layer, mapping::Mapping>>& layers);

 private:
  std::map<std::string, std::vector<mapping::Mapping>> best_;
};

// Maps every layer of a workload on one hardware point (each shape once) and scores the
// network; `leakage_area_mm2` > 0 prices that area's leakage in every mapping's energy.
HwEvaluation evaluate_hw(const arch::HwConfig& hw, const std::vector<mapping::Layer>& layers,
                         const arch::EnergyTable& energy, const MapperOptions& mapper,
                         WarmStarts* warm = nullptr, double leakage_area_mm2 = 0);

// How a study's outer optimiser is made (the study itself: study/study.hpp).
struct CodesignOptions {
  OptimizerChoice outer;        // algorithm, seed, warm-up
  bool domain_features = true;  // BO's surrogate sees HwSpace::features, not raw parameters
};

// The outer objective of an evaluation: log(EDP), as told to the optimiser.
double hw_objective(const HwEvaluation& e);

// The outer optimiser a study uses.
std::unique_ptr<Optimizer> make_outer_optimizer(const HwSpace& space,
                                                const CodesignOptions& options);

// Re-maps an evaluated design with a deeper inner search, starting from its own mappings,
// so the result is never worse than the evaluation's (leakage is left out).
HwEvaluation remap(const HwEvaluation& e, const arch::EnergyTable& energy,
                   const MapperOptions& mapper);

}  // namespace codesign::search
