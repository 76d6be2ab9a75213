// The compiler: (hardware, layer, valid mapping) -> an accelerator program plus the DRAM
// layout the host must fill (dram_layout.hpp); a patch mapping compiles its lowered layer
// (patch_lowering.hpp), whose layout the DramLayout describes. The program is a sequence of
// SYNC-separated steps, one per on-chip tile (two without double buffering):
//   double buffering:  [load tile 0] [compute i | load tile i+1 | store outputs of i-1] ...
//                      [store the last outputs]
//   single buffering:  [load tile i | store outputs of i-1] [compute i] ... [store last]
// A tensor's tile is loaded only when the loops it depends on moved; with double buffering
// it then goes to the other half of its buffer (half 1 starts at entries/2, a different
// bank when the buffer has two or more). On-chip layouts are in tiling.hpp; evenly spaced
// runs of vectors take one LOAD/STORE (command_loops). A tile's COMPUTEs follow
// buffer_order, one per compute block; a COMPUTE accumulates unless it is the first of its
// outputs' reduction, and under WS keeps the array's weights when the step's previous
// COMPUTE used the same weight block. Within a step, commands of the three engines are
// interleaved so that one engine's full queue does not hold up the others' dispatch.
#pragma once

#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

struct CompiledLayer {
  arch::Program program;
  DramLayout layout;
};

// Throws util::ConfigError if the mapping is invalid for this layer and hardware.
CompiledLayer compile(const arch::BuildConfig& b, const Layer& l, const Mapping& m);

}  // namespace codesign::mapping
