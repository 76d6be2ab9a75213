// The mapspace of one layer on one hardware point: its size, a constructive sampler that
// draws valid mappings directly, and neighbourhood moves for local search.
//
// Sub-spaces (as in Timeloop): dataflow and row loop; compute tiles; on-chip tiles;
// DRAM-level and buffer-level loop orders; double buffering. Tight buffers make most random
// points invalid, so the sampler builds a mapping in an order where every choice keeps the
// partial mapping completable: compute tiles first (each bounded by the array, the ISA and
// what a single block leaves of the buffers), then on-chip tiles loop by loop in random
// order, each drawn among the values that still fit, and DRAM orders with the reduction
// loops innermost (the partial-sum rule).
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

class Mapspace {
 public:
  Mapspace(const arch::BuildConfig& b, const Layer& l);

  const arch::BuildConfig& build() const { return b_; }
  const Layer& layer() const { return l_; }
  // The largest bound of each loop over the mapping's views (flattened ones included).
  const DimArray& bounds() const { return bounds_; }

  // log10 of the number of points of the unconstrained space (dataflows x row loops x
  // compute tiles x on-chip tiles x both loop orders x double buffering).
  double log10_size() const;

  // A valid mapping drawn constructively. Throws util::ConfigError with
  // unmappable_reason() if the layer has no valid mapping on this hardware.
  Mapping sample(std::mt19937_64& rng) const;
  // "" when the layer has a valid mapping here, else why not: the limit that even the
  // smallest mapping of every dataflow (every tile 1) breaks, e.g. "capacity: the input
  // tile needs 40 vectors, the buffer has 32". Deterministic.
  std::string unmappable_reason() const;
  // A point of the unconstrained space, each parameter uniform.
  Mapping sample_unconstrained(std::mt19937_64& rng) const;
  // Rejection sampling from the structurally legal box (legal row loop, compute tiles within
  // the array and the dataflow, on-chip tiles in [compute tile, bound], reductions innermost
  // at DRAM level): uniform over the valid mappings of each dataflow and row loop, the
  // reference that the constructive sampler's uniformity is measured against. Slow when
  // buffers are tight; nullopt after `tries` rejections.
  std::optional<Mapping> sample_by_rejection(std::mt19937_64& rng, int tries) const;
  // One small move: a tile doubled/halved/stepped, two adjacent loops swapped, double
  // buffering or the row loop changed. The result may be invalid.
  Mapping neighbour(const Mapping& m, std::mt19937_64& rng) const;
  // A valid neighbour, or `m` itself if none was found in `tries` attempts.
  Mapping valid_neighbour(const Mapping& m, std::mt19937_64& rng, int tries = 32) const;

 private:
  bool fits(const Mapping& m) const;  // buffer capacities only
  // Dataflow, row loop and loop orders drawn uniformly, tiles left at 1.
  Mapping sample_skeleton(std::mt19937_64& rng) const;
  // Row loop (and whether it is flattened) for m's dataflow, uniformly.
  void pick_row_loop(Mapping& m, std::mt19937_64& rng) const;
  // Every tile 1, reductions innermost, one per dataflow and row loop: if none of these is
  // valid, no mapping is.
  std::vector<Mapping> smallest_mappings() const;
  // Largest v in [lo, hi] for which set(m, v) still fits (fits is monotone in v); lo - 1
  // if even lo does not fit.
  template <typename Set>
  int largest_fitting(Mapping m, int lo, int hi, Set&& set) const;

  arch::BuildConfig b_;
  Layer l_;
  DimArray bounds_{};
};

}  // namespace codesign::mapping
