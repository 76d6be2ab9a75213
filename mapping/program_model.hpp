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

// The step of the wrapped LOADs' starts in their rows: the gcd of their starts and row
// lengths (0 without wrapped LOADs), the start_step of timing.hpp's load_requests. The fast
// model computes the same from the mapping: the starts are sums of multiples of the buffer
// and the compute tile, and a compiled program has one at each of the two tiles (when
// there is more than one of it).
double wrap_start_step(const arch::Program& p);

// `l` supplies the data-dependent estimates (zero-operand MACs) shared with the fast model.
arch::ActionCounts program_counts(const arch::HwConfig& hw, const Layer& l, const arch::Program& p,
                                  const Timing& t = {});

}  // namespace codesign::mapping
