// Validating a design on one layer: run it cycle-accurately on the RTL, check every output
// bit against the golden model, and turn the activity counts into energy, EDP and
// utilisation. Every failure is a status in the report, never an exception.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "arch/energy.hpp"
#include "systemc/rtl_runner.hpp"
#include "tb/layer_case.hpp"

namespace codesign::tb {

struct ValidationReport {
  std::string status;  // "ok", "mismatch", "invalid", or an RTL status (build_failure, ...)
  std::string reason;
  OutputCheck check;
  arch::ActionCounts counts;
  arch::Metrics metrics;
  double build_s = 0;
  bool build_cached = false;
  double sim_wall_s = 0;
  bool ok() const { return status == "ok"; }
};

struct ValidationOptions {
  systemc::RtlRunOptions run;
  double stall_probability = 0;
};

ValidationReport validate_on_rtl(const arch::HwConfig& hw, const LayerCase& layer,
                                 const arch::EnergyTable& energy, const systemc::BuildCache& cache,
                                 const ValidationOptions& options = {});

nlohmann::json to_json(const ValidationReport& r);

}  // namespace codesign::tb
