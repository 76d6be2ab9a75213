// The fast analytical model: (hardware, layer, mapping) -> the action counts the RTL's
// counters report, and cycles under the ISA timing contract (timing.hpp), evaluated from
// the mapping in closed form, without generating the program and without heap allocation.
//
// DRAM-level iterations are grouped into classes that share the extents of their previous,
// own and next tile (per loop: a full tile or the edge remainder) and the loops that
// advanced to reach them and to leave them, which decide what the compiler reloads and
// stores. Every iteration but the first and last advances the innermost multi-tile loop on
// the way in or out, so there are O(loops) classes times 2^(loops with an edge outside
// the carries). Each class is evaluated once and weighted by its size, so counts and
// cycles equal those of the program-level model (program_model.hpp) exactly, including
// the overlap of tile i's compute with tile i+1's loads and tile i-1's stores.
//
// Estimates for random data (documented, not measured): operands uniform over data_width
// bits, so a MAC has a zero operand with probability 1 - (1 - 2^-w)^2, plus every MAC on a
// padding input; each operand register update toggles data_width/2 bits: inputs for every
// MAC, weights for every MAC under OS and once per preloaded weight under WS. No bank
// conflicts (double-buffer halves sit in different banks). The breakdown counters (engine
// busy, DRAM stall, idle) are those the RTL defines (accel_top.sv), counted per step by the
// timing model (Timing::step_time, timing.hpp).
#pragma once

#include <vector>

#include "arch/action_counts.hpp"
#include "arch/energy.hpp"
#include "arch/hw_config.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/mapping.hpp"
#include "mapping/timing.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// Estimated zero-operand MACs of a layer for random data (see above). A patch-lowered
// form's MACs beyond the depthwise layer's are counted as zero-operand: most have a zero
// weight, the rest (edge pixels) mostly read the zero extension.
std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l);
std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l, const Mapping& m);

// Evaluates many mappings of one layer on one hardware point; construct once per layer.
class LayerModel {
 public:
  LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t = {});
  // Counts for one occurrence of the layer. The mapping must be valid (validity.hpp).
  arch::ActionCounts evaluate(const Mapping& m) const;
  const Layer& layer() const { return layer_; }

 private:
  LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t, std::uint64_t zero_macs);

  arch::HwConfig hw_;
  Layer layer_;
  Timing timing_;
  DramLayout layout_;
  std::uint64_t zero_macs_ = 0;
  // A depthwise layer's patch-lowered forms (patch_lowering.hpp), patch t at index t - 2.
  std::vector<LayerModel> patch_forms_;
};

// arch::metrics_of for one occurrence of `l`, its utilisation counting the layer's own MACs:
// a patch mapping's extra MACs (patch_lowering.hpp) are work the array does, not useful work.
arch::Metrics layer_metrics(const arch::ActionCounts& a, const arch::HwConfig& hw,
                            const arch::EnergyTable& table, const Layer& l, double area_mm2 = 0);

// Convenience: counts of one occurrence, then energy and delay via layer_metrics.
arch::Metrics evaluate(const arch::HwConfig& hw, const Layer& l, const Mapping& m,
                       const arch::EnergyTable& table, const Timing& t = {});

}  // namespace codesign::mapping
