// Where the chosen design spends its time and energy, layer by layer: cycles, PE
// utilisation and each layer's share of the network's cycles and energy (repeats counted),
// from the RTL measurement when the design was confirmed on the RTL, else from the model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/study_store.hpp"

namespace codesign::report {

struct LayerRow {
  std::string name;
  int repeat = 1;
  std::uint64_t macs = 0;    // of one occurrence; 0 when the trial does not record the shape
  std::uint64_t cycles = 0;  // of one occurrence
  double energy_pj = 0;      // of one occurrence
  double utilisation = 0;    // MACs / (PEs × cycles)
  double cycle_share = 0;    // of the network's cycles, repeats counted
  double energy_share = 0;   // of the network's energy, repeats counted
};

struct LayerBreakdown {
  std::int64_t trial = 0;  // the trial the figures come from
  bool measured_on_rtl = false;
  bool utilisation_recorded = true;  // false: computed here from MACs, PEs and cycles
  int pes = 0;
  std::vector<LayerRow> rows;
};

// `model` is a feasible model trial; `rtl` its feasible RTL confirmation, or null.
// Repeats and shapes come from the model trial; metrics from `rtl` when given.
LayerBreakdown layer_breakdown(const store::Trial& model, const store::Trial* rtl);

}  // namespace codesign::report
