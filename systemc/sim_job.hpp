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

nlohmann::json to_json(const SimJobFile& f);
SimJobFile sim_job_file_from_json(const nlohmann::json& j, const std::string& path);
nlohmann::json to_json(const std::vector<SimJobResult>& r);
std::vector<SimJobResult> sim_results_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace codesign::systemc
