#include "store/trial_json.hpp"

#include <limits>

#include "util/json_reader.hpp"

namespace codesign::store {

nlohmann::json to_json(const TrialSummary& t) {
  return {{"id", t.id},
          {"algorithm", t.algorithm},
          {"fidelity", t.fidelity},
          {"status", t.status},
          {"reason", t.reason},
          {"feasible", t.feasible},
          {"objective", t.objective},
          {"energy_pj", t.energy_pj},
          {"delay_s", t.delay_s},
          {"design", t.design},
          {"wall_s", t.wall_s},
          {"parent", t.parent},
          {"area_mm2", t.area_mm2}};
}

nlohmann::json to_json(const Trial& t) {
  nlohmann::json j = to_json(static_cast<const TrialSummary&>(t));
  j["params"] = t.params;
  j["result"] = t.result;
  return j;
}

Trial trial_from_json(const nlohmann::json& j, const std::string& where) {
  util::JsonObject o(j, where);
  constexpr double kMax = std::numeric_limits<double>::max();
  Trial t;
  t.id = o.integer("id", 0, std::numeric_limits<std::int64_t>::max());
  t.algorithm = o.string("algorithm");
  t.fidelity = o.choice("fidelity", {"model", "rtl"});
  t.status = o.string("status");
  t.reason = o.string("reason");
  t.feasible = o.boolean("feasible");
  t.objective = o.number("objective", 0, kMax);
  t.energy_pj = o.number("energy_pj", 0, kMax);
  t.delay_s = o.number("delay_s", 0, kMax);
  t.design = o.string("design");
  t.wall_s = o.number("wall_s", 0, kMax);
  t.parent = o.integer("parent", 0, std::numeric_limits<std::int64_t>::max());
  t.area_mm2 = o.number("area_mm2", 0, kMax);
  t.params = o.raw("params");
  t.result = o.raw("result");
  o.finish();
  return t;
}

}  // namespace codesign::store
