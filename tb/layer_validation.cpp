#include "tb/layer_validation.hpp"

#include <stdexcept>

namespace codesign::tb {

ValidationReport validate_on_rtl(const arch::HwConfig& hw, const LayerCase& layer,
                                 const arch::EnergyTable& energy, const systemc::BuildCache& cache,
                                 const ValidationOptions& options) {
  ValidationReport r;
  BuiltCase built;
  try {
    built = build_case(layer, hw.build);
    arch::check_program(built.program.program, hw.build);
  } catch (const std::invalid_argument& e) {
    r.status = "invalid";
    r.reason = e.what();
    return r;
  }
  systemc::RtlJob job;
  job.program = built.program.program;
  job.dram = built.program.dram;
  job.dumps = {{built.program.out_addr, built.program.out_bytes}};
  job.stall_probability = options.stall_probability;
  job.seed = layer.seed;
  const systemc::RtlRun run = systemc::run_rtl(cache, hw, {job}, options.run);
  r.build_s = run.build_s;
  r.build_cached = run.build_cached;
  r.sim_wall_s = run.sim_wall_s;
  if (run.status != systemc::RtlStatus::kOk) {
    r.status = systemc::to_string(run.status);
    r.reason = run.reason;
    return r;
  }
  r.counts = run.jobs[0].counts;
  r.metrics = arch::metrics_of(r.counts, hw, energy);
  r.check = check_outputs(run.jobs[0].dumps[0], hw.build.acc_width, built.expected);
  r.status = r.check.exact() ? "ok" : "mismatch";
  if (!r.check.exact()) r.reason = r.check.describe();
  return r;
}

nlohmann::json to_json(const ValidationReport& r) {
  nlohmann::json j = {
      {"status", r.status},
      {"reason", r.reason},
      {"outputs_checked", r.check.outputs},
      {"output_mismatches", r.check.mismatches},
      {"simulation",
       {{"build_s", r.build_s}, {"build_cached", r.build_cached}, {"sim_wall_s", r.sim_wall_s}}}};
  if (r.status == "ok" || r.status == "mismatch") {
    j["counts"] = arch::to_json(r.counts);
    j["metrics"] = arch::to_json(r.metrics);
  }
  return j;
}

}  // namespace codesign::tb
