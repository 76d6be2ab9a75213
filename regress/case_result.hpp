// What running a regression case measured: its status (ok, or which way it failed) and, when
// it ran, its metrics and per-layer figures. Plain data: it crosses process boundaries as
// JSON (regress/case_json.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "regress/suite.hpp"

namespace codesign::regress {

enum class RunStatus {
  kOk,
  kMismatch,      // an output differs from the golden model
  kStaleProgram,  // an export's program is no longer what its mapping compiles to
  kBuildFailure,
  kSimFailure,  // the simulator crashed or reported an error
  kTimeout,
  kError,  // anything else: no valid mapping, a worker that died, an internal error
};
const char* to_string(RunStatus s);
RunStatus run_status_from_string(const std::string& s, const std::string& path);

struct LayerMeasurement {
  std::string name;
  int repeat = 1;
  std::uint64_t cycles = 0;  // one occurrence
  double energy_pj = 0;      // one occurrence
  std::size_t outputs_checked = 0;
  nlohmann::json mapping;  // the mapping that ran
};

struct CaseResult {
  std::string name;
  RunStatus status = RunStatus::kError;
  std::string reason;                // why not ok
  std::map<Metric, double> metrics;  // when ok: cycles, energy, edp (+ area when measured)
  double delay_s = 0;                // repeats counted, like the metrics
  std::vector<LayerMeasurement> layers;
  double wall_s = 0;
  bool ok() const { return status == RunStatus::kOk; }
};

}  // namespace codesign::regress
