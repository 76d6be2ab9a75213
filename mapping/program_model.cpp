#include "mapping/program_model.hpp"

#include <algorithm>
#include <cmath>

#include "mapping/model.hpp"

namespace codesign::mapping {

arch::ActionCounts program_counts(const arch::HwConfig& hw, const Layer& l, const arch::Program& p,
                                  const Timing& t) {
  const arch::BuildConfig& b = hw.build;
  const double latency = t.dram_latency_scale * hw.run.dram_latency_cycles;
  const std::uint64_t half_width = static_cast<std::uint64_t>(b.data_width / 2);
  arch::ActionCounts a;
  double cycles = 0, exec_total = 0, load_busy = 0, store_busy = 0, stall = 0, idle = 0;
  // The current step.
  double exec = 0, load_bytes = 0, store_bytes = 0, commands = 0;
  for (const arch::Command& c : p) {
    commands += 1;
    switch (c.op) {
      case arch::Opcode::kLoad: {
        const std::uint64_t bytes = std::uint64_t{c.count} * c.vec_len * (b.data_width / 8);
        load_bytes += static_cast<double>(bytes);
        a.dram_read_bytes += bytes;
        (c.buffer == arch::BufferId::kWeight ? a.weight_writes : a.input_writes) += c.count;
        break;
      }
      case arch::Opcode::kStore: {
        const std::uint64_t bytes = std::uint64_t{c.count} * c.vec_len * (b.acc_width / 8);
        store_bytes += static_cast<double>(bytes);
        a.dram_write_bytes += bytes;
        a.acc_reads += c.count;
        break;
      }
      case arch::Opcode::kCompute: {
        const bool os = c.dataflow == arch::Dataflow::kOutputStationary;
        const std::uint64_t macs = std::uint64_t{c.m} * c.n * c.k;
        const bool preload = !os && !c.keep_weights;
        a.macs += macs;
        a.input_toggles += macs * half_width;
        a.weight_toggles += (os ? macs : preload ? std::uint64_t{c.k} * c.n : 0) * half_width;
        a.input_reads += os ? c.k : c.m;
        a.weight_reads += os || preload ? c.k : 0;
        a.acc_writes += c.m;
        a.acc_reads += c.accumulate ? c.m : 0;
        exec += (os ? c.k : c.m) + t.compute_fixed_cycles(b, c.dataflow) +
                (preload ? t.preload_cycles(b) : 0);
        break;
      }
      case arch::Opcode::kSync: {
        const double channel = t.channel_cycles(hw.run, load_bytes + store_bytes);
        cycles += std::max(exec, channel) + t.dispatch_cycles_per_command * commands;
        idle += t.dispatch_cycles_per_command * commands;
        exec_total += exec;
        load_busy += t.channel_cycles(hw.run, load_bytes);
        store_busy += t.channel_cycles(hw.run, store_bytes);
        stall += load_bytes > 0 ? latency : 0;
        exec = load_bytes = store_bytes = commands = 0;
        break;
      }
    }
  }
  auto u = [](double v) { return static_cast<std::uint64_t>(std::llround(v)); };
  a.cycles = u(std::ceil(cycles));
  a.zero_macs = estimated_zero_macs(b, l);
  a.exec_busy_cycles = u(exec_total);
  a.load_busy_cycles = u(load_busy);
  a.store_busy_cycles = u(store_busy);
  a.dram_stall_cycles = u(stall);
  a.idle_cycles = u(idle);
  return a;
}

}  // namespace codesign::mapping
