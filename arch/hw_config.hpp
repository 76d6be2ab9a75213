// The hardware point: what the accelerator is. Compile-time parameters (those that change the
// Verilated model) live in BuildConfig; run-time parameters in RunConfig, so one Verilated
// build serves every point that shares a BuildConfig.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace codesign::arch {

enum class Dataflow : std::uint8_t { kOutputStationary = 0, kWeightStationary = 1 };
const char* to_string(Dataflow d);

// One on-chip SRAM: capacity in bytes and number of banks (one access per bank per cycle).
struct BufferSpec {
  std::uint32_t bytes = 0;
  std::uint32_t banks = 1;
};

struct BuildConfig {
  int rows = 16;  // PE array rows: input-vector lanes
  int cols = 16;  // PE array columns: weight/output-vector lanes
  int data_width = 8;
  int acc_width = 32;
  bool output_stationary = true;  // dataflows the RTL is built with
  bool weight_stationary = true;
  BufferSpec input{64 * 1024, 2};
  BufferSpec weight{64 * 1024, 2};
  BufferSpec accumulator{64 * 1024, 2};

  bool supports(Dataflow d) const {
    return d == Dataflow::kOutputStationary ? output_stationary : weight_stationary;
  }
  // Buffers hold vectors: input rows × data, weight cols × data, accumulator cols × acc.
  int input_vector_bytes() const { return rows * data_width / 8; }
  int weight_vector_bytes() const { return cols * data_width / 8; }
  int acc_vector_bytes() const { return cols * acc_width / 8; }
  // Entries (vectors) per buffer: capacity rounded down to a multiple of the bank count.
  int input_entries() const;
  int weight_entries() const;
  int acc_entries() const;
  // A canonical one-line description; equal keys mean the same Verilated model.
  std::string key() const;
  // A short stable hash of key(), used to name cached builds.
  std::string hash() const;
};

struct RunConfig {
  double dram_bytes_per_cycle = 16.0;
  int dram_latency_cycles = 100;
  double clock_mhz = 500.0;
};

struct HwConfig {
  std::string name = "default";
  BuildConfig build;
  RunConfig run;
};

inline constexpr int kMaxArrayDim = 64;
inline constexpr int kMaxBufferEntries = 65536;  // the ISA's 16-bit buffer addresses
inline constexpr int kCommandQueueDepth = 4;     // per-engine command FIFO in the RTL

// Reads and validates a hardware point; `path` names the source in errors ("hw.json").
// Throws util::ConfigError naming the key and the accepted range.
HwConfig hw_config_from_json(const nlohmann::json& j, const std::string& path);
HwConfig load_hw_config(const std::string& file);
nlohmann::json to_json(const HwConfig& hw);

// Checks the invariants of a BuildConfig built in code (the JSON reader checks them too).
void validate(const BuildConfig& b, const std::string& path);

// The rules validate() applies, shared with the design-space reader so that a space's fixed
// values are refused with the same words: "" when accepted, else what is expected and what
// was given ("expected 8 or 16, got 12").
std::string data_width_problem(int data_width);
std::string acc_width_problem(int acc_width, int data_width);
std::string banks_problem(int banks);
// Whether a buffer holds from `min_entries` (and one per bank) up to kMaxBufferEntries
// vectors of `vector_bytes`; the problem names the accepted bytes.
std::string buffer_bytes_problem(const BufferSpec& s, int vector_bytes, int min_entries);

}  // namespace codesign::arch
