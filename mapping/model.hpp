// The fast analytical model: (hardware, layer, mapping) -> the action counts the RTL's
// counters report, and cycles under the ISA timing contract (timing.hpp), evaluated from
// the mapping in closed form, without generating the program and without heap allocation.
//
// DRAM-level iterations are grouped into classes that share a tile shape and the set of
// tensors they (re)load: per loop, a tile is full or the edge remainder, and which tensors
// reload follows from the outermost loop that advanced (the compiler reloads a tensor only
// when a loop it depends on moves). Each class is evaluated once and weighted by its size,
// so every count is exact (it equals the program-level model's). Cycles approximate one
// thing: with double buffering a step overlaps the compute of tile i with the loads of tile
// i+1 and the stores of tile i-1; the model pairs them with tile i's own loads and stores.
//
// Estimates for random data (documented, not measured): operands uniform over data_width
// bits, so a MAC has a zero operand with probability 1 - (1 - 2^-w)^2, plus every MAC on a
// padding input; each operand register update toggles data_width/2 bits: inputs for every
// MAC, weights for every MAC under OS and once per preloaded weight under WS. No bank
// conflicts (double-buffer halves sit in different banks).
#pragma once

#include "arch/action_counts.hpp"
#include "arch/energy.hpp"
#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/timing.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// Estimated zero-operand MACs of a layer for random data (see above).
std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l);

// Evaluates many mappings of one layer on one hardware point; construct once per layer.
class LayerModel {
 public:
  LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t = {});
  // Counts for one occurrence of the layer. The mapping must be valid (validity.hpp).
  arch::ActionCounts evaluate(const Mapping& m) const;

 private:
  arch::HwConfig hw_;
  Layer layer_;
  Timing timing_;
  DimArray bounds_{};
  std::uint64_t zero_macs_ = 0;
};

// Convenience: counts of one occurrence, then energy and delay via arch::metrics_of.
arch::Metrics evaluate(const arch::HwConfig& hw, const Layer& l, const Mapping& m,
                       const arch::EnergyTable& table, const Timing& t = {});

}  // namespace codesign::mapping
