#include "study/rtl_trial.hpp"

#include <algorithm>
#include <set>

namespace codesign::study {

namespace {

// What an RTL trial takes from the model trial it measures; the outcome is filled in later.
store::Trial rtl_trial_of(const store::Trial& model_trial) {
  store::Trial t;
  t.algorithm = model_trial.algorithm;
  t.fidelity = "rtl";
  t.parent = model_trial.id;
  t.design = model_trial.design;
  t.area_mm2 = model_trial.area_mm2;
  t.params = model_trial.params;
  return t;
}

std::vector<tb::MappedLayer> layers_of(const store::Trial& model_trial) {
  std::vector<tb::MappedLayer> layers;
  for (const auto& l : model_trial.params["layers"])
    layers.push_back({mapping::layer_from_json(l["layer"], "study: layer"),
                      mapping::mapping_from_json(l["mapping"], "study: mapping"), 1});
  return layers;
}

}  // namespace

RtlPlan plan_rtl(const store::Trial& model_trial, const std::string& cache_dir, double timeout_s) {
  const arch::HwConfig hw = arch::hw_config_from_json(model_trial.params["hw"], "study: hw");
  RtlPlan plan;
  plan.layers = layers_of(model_trial);
  plan.runs = tb::distinct_runs(plan.layers);
  for (const tb::MappedLayer& run : plan.runs.runs)
    plan.jobs.push_back({hw, run.layer, run.mapping, run.seed, cache_dir, timeout_s});
  return plan;
}

store::Trial rtl_trial(const store::Trial& model_trial, const RtlPlan& plan,
                       const std::vector<SimulateOutcome>& outcomes,
                       const arch::EnergyTable& energy, bool leakage, double wall_s) {
  const arch::HwConfig hw = arch::hw_config_from_json(model_trial.params["hw"], "study: hw");
  std::vector<tb::MappedLayerResult> results;
  for (const SimulateOutcome& o : outcomes) results.push_back(o.result);
  const tb::NetworkOnRtl n = tb::price_network_on_rtl(hw, plan.layers, plan.runs, results, energy,
                                                      leakage ? model_trial.area_mm2 : 0);
  store::Trial t = rtl_trial_of(model_trial);
  t.wall_s = wall_s;
  t.status = n.status;
  t.reason = n.reason;
  t.feasible = n.ok();
  t.objective = n.edp_js();
  t.energy_pj = n.energy_pj;
  t.delay_s = n.delay_s;
  const double model = model_trial.objective;
  t.result = {{"energy_pj", n.energy_pj},
              {"delay_s", n.delay_s},
              {"edp_js", t.objective},
              {"model_edp_js", model},
              {"model_vs_rtl", t.feasible ? (model - t.objective) / t.objective : 0.0},
              {"layers", n.layers}};
  return t;
}

store::Trial failed_rtl_trial(const store::Trial& model_trial, const std::string& status,
                              const std::string& reason, double wall_s) {
  store::Trial t = rtl_trial_of(model_trial);
  t.status = status;
  t.reason = reason;
  t.wall_s = wall_s;
  return t;
}

std::vector<std::int64_t> designs_to_confirm(const std::vector<store::TrialSummary>& trials,
                                             std::size_t count) {
  std::set<std::int64_t> confirmed;
  for (const auto& t : trials)
    if (t.fidelity == "rtl") confirmed.insert(t.parent);
  std::vector<const store::TrialSummary*> ranked;
  for (const auto& t : trials)
    if (t.fidelity == "model" && t.feasible) ranked.push_back(&t);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](auto* a, auto* b) { return a->objective < b->objective; });
  std::vector<std::int64_t> out;
  std::set<std::string> seen;  // a design evaluated twice is confirmed once
  std::size_t taken = 0;
  for (const store::TrialSummary* t : ranked) {
    if (taken == count) break;
    if (!seen.insert(t->design).second) continue;
    ++taken;
    if (!confirmed.count(t->id)) out.push_back(t->id);
  }
  return out;
}

}  // namespace codesign::study
