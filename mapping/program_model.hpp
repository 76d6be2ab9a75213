// The exact program-level model: walks a compiled program step by step (SYNC to SYNC) and
// applies the same timing contract and per-command counts as the fast model (model.hpp).
// Slow (it needs the program); used to check the fast model, not in search.
#pragma once

#include "arch/action_counts.hpp"
#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "mapping/timing.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// `l` supplies the data-dependent estimates (zero-operand MACs) shared with the fast model.
arch::ActionCounts program_counts(const arch::HwConfig& hw, const Layer& l, const arch::Program& p,
                                  const Timing& t = {});

}  // namespace codesign::mapping
