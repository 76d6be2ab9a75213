#include "search/codesign/trial_record.hpp"

namespace codesign::search {

namespace {

// One line naming a hardware point in listings: "16x16 os+ws, buffers 64/64/64 KiB".
std::string design_summary(const arch::HwConfig& hw) {
  const arch::BuildConfig& b = hw.build;
  std::string dataflows;
  for (const arch::Dataflow d :
       {arch::Dataflow::kOutputStationary, arch::Dataflow::kWeightStationary})
    if (b.supports(d))
      dataflows += (dataflows.empty() ? "" : "+") + std::string(arch::to_string(d));
  return std::to_string(b.rows) + "x" + std::to_string(b.cols) + " " + dataflows + ", buffers " +
         std::to_string(b.input.bytes / 1024) + "/" + std::to_string(b.weight.bytes / 1024) + "/" +
         std::to_string(b.accumulator.bytes / 1024) + " KiB";
}

}  // namespace

store::Trial to_trial(const HwEvaluation& e, const std::string& algorithm) {
  nlohmann::json params_layers = nlohmann::json::array(), result_layers = nlohmann::json::array();
  for (const LayerResult& l : e.layers) {
    params_layers.push_back(
        {{"layer", mapping::to_json(l.layer)}, {"mapping", mapping::to_json(l.best.mapping)}});
    result_layers.push_back({{"name", l.layer.name},
                             {"repeat", l.layer.repeat},
                             {"metrics", arch::to_json(l.best.metrics)}});
  }
  store::Trial t;
  t.algorithm = algorithm;
  t.fidelity = "model";
  t.status = e.feasible ? "ok" : "infeasible";
  t.reason = e.reason;
  t.feasible = e.feasible;
  t.objective = e.feasible ? e.edp_js : 0;
  t.energy_pj = e.energy_pj;
  t.delay_s = e.delay_s;
  t.design = design_summary(e.hw);
  t.area_mm2 = e.area_mm2;
  t.wall_s = e.wall_s;
  t.params = {{"hw", arch::to_json(e.hw)}, {"layers", params_layers}};
  t.result = {{"energy_pj", e.energy_pj},
              {"delay_s", e.delay_s},
              {"cycles", e.cycles},
              {"edp_js", e.edp_js},
              {"model_evaluations", e.model_evaluations},
              {"layers", result_layers}};
  return t;
}

store::Trial failed_trial(const arch::HwConfig& hw, double area_mm2, const std::string& status,
                          const std::string& reason, const std::string& algorithm) {
  store::Trial t;
  t.algorithm = algorithm;
  t.fidelity = "model";
  t.status = status;
  t.reason = reason;
  t.design = design_summary(hw);
  t.area_mm2 = area_mm2;
  t.params = {{"hw", arch::to_json(hw)}, {"layers", nlohmann::json::array()}};
  return t;
}

}  // namespace codesign::search
