// The contract between a caller and a Verilated simulator process: a job file in, a result
// file out. Jobs run one after another in one SystemC elaboration, each from reset.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/action_counts.hpp"
#include "arch/hw_config.hpp"
#include "arch/isa.hpp"

namespace codesign::systemc {

// A DRAM region copied out to a binary file after the job.
struct DramDump {
  std::uint32_t addr = 0;
  std::uint32_t bytes = 0;
  std::string file;
};

struct SimJob {
  arch::Program program;
  // When set, the program travels in this binary file (write_program_file) instead of inline
  // in the job's JSON: a large layer's program is ~10^5-10^6 commands, ~200 bytes each as
  // JSON and 24 in binary, and the simulator then parses no JSON per command.
  std::string program_file;
  std::string dram_image;  // binary file: DRAM contents from address 0
  std::uint32_t dram_bytes = 0;
  std::vector<DramDump> dumps;
  double stall_probability = 0;  // random DRAM-side stalls per cycle, for robustness tests
  std::uint64_t seed = 1;
  std::uint64_t max_cycles = 100'000'000;
};

struct SimJobFile {
  arch::HwConfig hw;
  std::vector<SimJob> jobs;
  std::string trace_file;  // VCD of the whole run, when set (needs a traced build)
};

enum class SimStatus { kOk, kTimeout, kError };
const char* to_string(SimStatus s);

struct SimJobResult {
  SimStatus status = SimStatus::kError;
  std::string reason;
  arch::ActionCounts counts;
  double wall_s = 0;
};

// A program as a binary file: each command's three words (arch::encode), little-endian.
// Throws std::invalid_argument if a command has a field its encoding cannot hold, and
// std::runtime_error naming the file if it cannot be written.
void write_program_file(const std::string& path, const arch::Program& program);
// Throws util::ConfigError naming the file if it is missing or not whole commands.
arch::Program read_program_file(const std::string& path);

// A job's program is written inline, or as "program_file" when SimJob::program_file is set;
// reading accepts either and loads the file.
nlohmann::json to_json(const SimJobFile& f);
SimJobFile sim_job_file_from_json(const nlohmann::json& j, const std::string& path);
nlohmann::json to_json(const std::vector<SimJobResult>& r);
std::vector<SimJobResult> sim_results_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace codesign::systemc
