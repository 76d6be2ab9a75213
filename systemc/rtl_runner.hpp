// Runs programs on the RTL of a hardware point: builds (or reuses) its simulator, runs the
// jobs in a child process with a time limit, and returns counters and DRAM dumps. Every
// failure — build, crash, timeout, bad result — is a returned status, never an exception.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "arch/action_counts.hpp"
#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "systemc/build_cache.hpp"

namespace codesign::systemc {

struct RtlJob {
  arch::Program program;
  std::vector<std::uint8_t> dram;                              // initial contents
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dumps;  // (addr, bytes) to read back
  double stall_probability = 0;
  std::uint64_t seed = 1;  // below 2^63 (the job file holds signed JSON integers)
  std::uint64_t max_cycles = 100'000'000;
};

enum class RtlStatus { kOk, kBuildFailure, kSimFailure, kTimeout };
const char* to_string(RtlStatus s);

struct RtlJobResult {
  RtlStatus status = RtlStatus::kSimFailure;
  std::string reason;
  arch::ActionCounts counts;
  std::vector<std::vector<std::uint8_t>> dumps;
  double wall_s = 0;
};

struct RtlRun {
  RtlStatus status = RtlStatus::kSimFailure;  // kOk only if every job is
  std::string reason;
  std::vector<RtlJobResult> jobs;  // one per job; jobs after a failure are not run
  double build_s = 0;
  bool build_cached = false;
  double sim_wall_s = 0;  // whole simulator process
};

struct RtlRunOptions {
  double timeout_s = 600;  // wall-clock limit of the simulator process
  std::string work_dir;    // where job files go (default: a fresh temporary directory)
  bool keep_work_dir = false;
  std::string trace_file;      // VCD of the whole run, when set (uses a traced build)
  bool count_activity = true;  // off only to measure what the activity counters cost
};

RtlRun run_rtl(const BuildCache& cache, const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
               const RtlRunOptions& options = {});

}  // namespace codesign::systemc
