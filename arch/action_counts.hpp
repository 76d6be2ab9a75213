// What the accelerator did during one run: the activity counts that the RTL's counters and
// the analytical model both produce, and that the energy table turns into picojoules.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace codesign::arch {

struct ActionCounts {
  std::uint64_t cycles = 0;
  std::uint64_t macs = 0;            // useful multiply-accumulates (unmasked lanes)
  std::uint64_t zero_macs = 0;       // of those, with a zero operand
  std::uint64_t input_toggles = 0;   // bit toggles of the input-operand PE registers
  std::uint64_t weight_toggles = 0;  // bit toggles of the weight-operand PE registers
  std::uint64_t input_reads = 0;     // vector accesses per buffer
  std::uint64_t input_writes = 0;
  std::uint64_t weight_reads = 0;
  std::uint64_t weight_writes = 0;
  std::uint64_t acc_reads = 0;
  std::uint64_t acc_writes = 0;
  std::uint64_t dram_read_bytes = 0;
  std::uint64_t dram_write_bytes = 0;
  std::uint64_t exec_busy_cycles = 0;      // execute engine running a COMPUTE
  std::uint64_t load_busy_cycles = 0;      // load engine running a LOAD
  std::uint64_t store_busy_cycles = 0;     // store engine running a STORE
  std::uint64_t bank_conflict_stalls = 0;  // buffer writes delayed by a bank conflict
  std::uint64_t dram_stall_cycles = 0;     // load engine waiting for DRAM data
  std::uint64_t idle_cycles = 0;           // no engine busy

  // Visits every field with its name, so JSON, CSV and comparisons list the same fields.
  template <typename F>
  void for_each(F&& f) const {
    f("cycles", cycles);
    f("macs", macs);
    f("zero_macs", zero_macs);
    f("input_toggles", input_toggles);
    f("weight_toggles", weight_toggles);
    f("input_reads", input_reads);
    f("input_writes", input_writes);
    f("weight_reads", weight_reads);
    f("weight_writes", weight_writes);
    f("acc_reads", acc_reads);
    f("acc_writes", acc_writes);
    f("dram_read_bytes", dram_read_bytes);
    f("dram_write_bytes", dram_write_bytes);
    f("exec_busy_cycles", exec_busy_cycles);
    f("load_busy_cycles", load_busy_cycles);
    f("store_busy_cycles", store_busy_cycles);
    f("bank_conflict_stalls", bank_conflict_stalls);
    f("dram_stall_cycles", dram_stall_cycles);
    f("idle_cycles", idle_cycles);
  }
  template <typename F>
  void for_each_mut(F&& f) {
    const_cast<const ActionCounts*>(this)->for_each(
        [&](const char* name, const std::uint64_t& v) { f(name, const_cast<std::uint64_t&>(v)); });
  }

  ActionCounts& operator+=(const ActionCounts& o);
  // Scales every count by a repeat factor (a layer that occurs `times` times in a network).
  ActionCounts scaled(std::uint64_t times) const;
};

nlohmann::json to_json(const ActionCounts& a);
ActionCounts action_counts_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace codesign::arch
