// Every timing constant of the analytical models in one struct, so that calibrating against
// the RTL is one edit. Preliminary figures from the RTL being built:
//   dispatch       one command (SYNC included) per cycle, in program order;
//   OS COMPUTE     k + rows (fill) + cols (skew) + rows (drain) + 4;
//   WS COMPUTE     rows (weight preload, skipped with keep_weights) + m + rows + cols + 4;
//   LOAD / STORE   the one DRAM channel is busy bytes / bytes_per_cycle per vector (loads
//                  and stores share it), requests pipelined, first data after
//                  latency_cycles (paid once per step that moves data).
// A step (commands up to a SYNC) takes max(execute engine, DRAM channel) + dispatch.
#pragma once

#include <cstdint>

#include "arch/hw_config.hpp"

namespace codesign::mapping {

struct Timing {
  double dispatch_cycles_per_command = 1;
  double os_fill_rows = 1, os_skew_cols = 1, os_drain_rows = 1;  // multiples of rows / cols
  double ws_preload_rows = 1, ws_fill_rows = 1, ws_skew_cols = 1;
  double compute_overhead_cycles = 4;
  double dram_latency_scale = 1;  // x RunConfig::dram_latency_cycles

  // Cycles of one COMPUTE without its streamed part (k under OS, m under WS) and without
  // the WS weight preload.
  double compute_fixed_cycles(const arch::BuildConfig& b, arch::Dataflow df) const {
    if (df == arch::Dataflow::kOutputStationary)
      return (os_fill_rows + os_drain_rows) * b.rows + os_skew_cols * b.cols +
             compute_overhead_cycles;
    return ws_fill_rows * b.rows + ws_skew_cols * b.cols + compute_overhead_cycles;
  }
  double preload_cycles(const arch::BuildConfig& b) const { return ws_preload_rows * b.rows; }
  // The DRAM channel's time for one step that moves `bytes` (0 if it moves nothing).
  double channel_cycles(const arch::RunConfig& r, double bytes) const {
    return bytes > 0 ? dram_latency_scale * r.dram_latency_cycles + bytes / r.dram_bytes_per_cycle
                     : 0;
  }
};

}  // namespace codesign::mapping
