// Runs programs on the RTL of a hardware point: builds (or reuses) its simulator, runs the
// jobs in a child process with a time limit, and returns counters and DRAM dumps. Every
// failure of the work — build, crash, timeout, bad result — is a returned status; only an
// unusable cache (util::ConfigError) and an interruption (util::Interrupted) are thrown.
// The simulator dies with the caller, and its temporary directory goes on every exit path
// (one left by a caller killed with kill -9 is removed by the next run).
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

enum class RtlStatus {
  kOk,
  kBuildFailure,
  kSimFailure,
  kTimeout,  // the time limit ended it (a job: the one running then)
  kNotRun,   // a job after the one that failed or was running at the time limit
};
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
  std::vector<RtlJobResult> jobs;  // one per job once the simulator ran; none if it never did
  double build_s = 0;
  bool build_cached = false;
  double sim_wall_s = 0;  // whole simulator process
};

struct RtlRunOptions {
  double timeout_s = 600;  // wall-clock limit of the whole run: the wait for another process's
                           // build, the build and the simulation (0: none)
  std::string work_dir;    // where job files go (default: a fresh temporary directory)
  bool keep_work_dir = false;
  std::string trace_file;      // VCD of the whole run, when set (uses a traced build)
  bool count_activity = true;  // off only to measure what the activity counters cost
  bool assertions = false;     // a simulator with the RTL's SV assertions checked
};

RtlRun run_rtl(const BuildCache& cache, const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
               const RtlRunOptions& options = {});

}  // namespace codesign::systemc
