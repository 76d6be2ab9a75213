#include "mapping/program_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "mapping/model.hpp"

namespace codesign::mapping {

double wrap_start_step(const arch::Program& p) {
  std::uint32_t step = 0;
  for (const arch::Command& c : p)
    if (c.op == arch::Opcode::kLoad && c.wrap_len > 0)
      step = std::gcd(std::gcd(step, c.wrap_len), c.wrap_start);
  return step;
}

arch::ActionCounts program_counts(const arch::HwConfig& hw, const Layer& l, const arch::Program& p,
                                  const Timing& t) {
  const arch::BuildConfig& b = hw.build;
  const std::uint64_t half_width = static_cast<std::uint64_t>(b.data_width / 2);
  arch::ActionCounts a;
  double cycles = 0, exec_total = 0, load_busy = 0, store_busy = 0, stall = 0, idle = 0;
  std::size_t last_sync = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i].op == arch::Opcode::kSync) last_sync = i;
  const double start_step = wrap_start_step(p);
  StepWork w;  // the current step
  double position = 0;
  bool first_preloads = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const arch::Command& c = p[i];
    auto mark_first = [&](double count, double& first) {
      if (count == 0) first = position;
    };
    if (c.op == arch::Opcode::kCompute) mark_first(w.computes, w.first_compute);
    if (c.op == arch::Opcode::kLoad) mark_first(w.load_cmds, w.first_load);
    if (c.op == arch::Opcode::kStore) mark_first(w.store_cmds, w.first_store);
    position += 1;
    switch (c.op) {
      case arch::Opcode::kLoad: {
        const std::uint64_t bytes = std::uint64_t{c.count} * c.vec_len * (b.data_width / 8);
        const double requests = Timing::load_requests(c.count, c.vec_len, c.wrap_len, start_step);
        w.load_cmds += 1;
        w.load_requests += requests;
        w.load_bytes += static_cast<double>(bytes);
        if (c.buffer == arch::BufferId::kWeight) {
          w.weight_load_cmds += 1;
          w.weight_load_requests += requests;
          w.weight_load_bytes += static_cast<double>(bytes);
        }
        a.dram_read_bytes += bytes;
        (c.buffer == arch::BufferId::kWeight ? a.weight_writes : a.input_writes) += c.count;
        break;
      }
      case arch::Opcode::kStore: {
        const std::uint64_t bytes = std::uint64_t{c.count} * c.vec_len * (b.acc_width / 8);
        w.store_cmds += 1;
        w.store_vectors += c.count;
        w.store_bytes += static_cast<double>(bytes);
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
        if (w.computes == 0) first_preloads = preload;
        w.computes += 1;
        w.exec_cycles += Timing::compute_period(c.dataflow, c.m, c.k, preload);
        w.exec_tail = t.compute_tail(b, c.dataflow, first_preloads, c.m, c.k, preload);
        break;
      }
      case arch::Opcode::kSync: {
        const StepTime step = t.step_time(hw.run, w, i == last_sync);
        cycles += step.cycles;
        exec_total += step.exec_busy;
        load_busy += step.load_busy;
        store_busy += step.store_busy;
        stall += step.dram_stall;
        idle += step.idle;
        w = StepWork{};
        position = 0;
        break;
      }
    }
  }
  cycles += t.sync_cycles;  // the cycle after the last SYNC, an idle one
  idle += t.sync_cycles;
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
