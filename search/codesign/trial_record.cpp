#include "search/codesign/trial_record.hpp"

namespace codesign::search {

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

}  // namespace codesign::search
