#include "regress/case_json.hpp"

#include <cstdint>

namespace codesign::regress {

namespace {

constexpr const char* kJobKind = "regress_case";

template <typename T, typename F>
nlohmann::json array_of(const std::vector<T>& items, F to) {
  nlohmann::json a = nlohmann::json::array();
  for (const T& item : items) a.push_back(to(item));
  return a;
}

// Each element of the array at `key`, read by `from(element, path)`.
template <typename F>
auto read_array(util::JsonObject& o, const std::string& key, F from) {
  const nlohmann::json& a = o.array(key);
  std::vector<decltype(from(a, std::string()))> out;
  for (std::size_t i = 0; i < a.size(); ++i)
    out.push_back(from(a[i], o.path_of(key) + "[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace

nlohmann::json metrics_to_json(const std::map<Metric, double>& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [metric, v] : m) j[to_string(metric)] = v;
  return j;
}

std::map<Metric, double> metrics_from_json(util::JsonObject o) {
  std::map<Metric, double> m;
  for (const Metric metric : kMetrics)
    if (o.has(to_string(metric))) m[metric] = o.number(to_string(metric), 0, 1e300);
  o.finish();
  return m;
}

nlohmann::json to_json(const Case& c) {
  nlohmann::json tolerances = nlohmann::json::object();
  for (const auto& [m, t] : c.tolerances)
    tolerances[to_string(m)] = {{"relative", t.relative}, {"absolute", t.absolute}};
  return {{"name", c.name},
          {"variant", c.variant},
          {"origin", c.origin},
          {"hw", arch::to_json(c.hw)},
          {"workload", c.workload},
          {"layers", array_of(c.layers, [](const auto& l) { return mapping::to_json(l); })},
          {"mapping_source", to_string(c.mapping_source)},
          {"mapper_seed", c.mapper_seed},
          {"mapper_budget", c.mapper_budget},
          {"mappings", array_of(c.mappings, [](const auto& m) { return mapping::to_json(m); })},
          {"export_programs",
           array_of(c.export_programs, [](const auto& p) { return arch::to_json(p); })},
          {"operand_seed", c.operand_seed},
          {"stall_probability", c.stall_probability},
          {"timeout_s", c.timeout_s},
          {"area", c.area},
          {"leakage", c.leakage},
          {"energy_table", c.energy_table},
          {"tolerances", tolerances},
          {"cache_dir", c.cache_dir}};
}

Case case_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  Case c;
  c.name = o.string("name");
  c.variant = o.string("variant");
  c.origin = o.string("origin");
  c.hw = arch::hw_config_from_json(o.raw("hw"), o.path_of("hw"));
  c.workload = o.string("workload");
  c.layers = read_array(o, "layers", mapping::layer_from_json);
  const std::string source = o.choice("mapping_source", {"auto", "file", "export"});
  c.mapping_source = source == "auto"   ? MappingSource::kAuto
                     : source == "file" ? MappingSource::kFile
                                        : MappingSource::kExport;
  c.mapper_seed = static_cast<std::uint64_t>(o.integer("mapper_seed", 0, kMaxSeed));
  c.mapper_budget = static_cast<std::size_t>(o.integer("mapper_budget", 1, 1000000));
  c.mappings = read_array(o, "mappings", mapping::mapping_from_json);
  c.export_programs = read_array(o, "export_programs", arch::program_from_json);
  c.operand_seed = static_cast<std::uint64_t>(o.integer("operand_seed", 0, kMaxSeed));
  c.stall_probability = o.number("stall_probability", 0, 0.95);
  c.timeout_s = o.number("timeout_s", 1, 1e6);
  c.area = o.boolean("area");
  c.leakage = o.boolean("leakage");
  c.energy_table = o.raw("energy_table");
  util::JsonObject tolerances = o.object("tolerances");
  for (const Metric m : kMetrics) {
    util::JsonObject t = tolerances.object(to_string(m));
    c.tolerances[m] = {t.number("relative", 0, 1e6), t.number("absolute", 0, 1e300)};
    t.finish();
  }
  tolerances.finish();
  c.cache_dir = o.string("cache_dir");
  o.finish();
  const std::size_t per_layer = c.mapping_source == MappingSource::kAuto ? 0 : c.layers.size();
  if (c.mappings.size() != per_layer)
    o.fail("mappings", "expected " + std::to_string(per_layer) + " mappings, got " +
                           std::to_string(c.mappings.size()));
  const std::size_t programs = c.mapping_source == MappingSource::kExport ? c.layers.size() : 0;
  if (c.export_programs.size() != programs)
    o.fail("export_programs", "expected " + std::to_string(programs) + " programs, got " +
                                  std::to_string(c.export_programs.size()));
  return c;
}

nlohmann::json case_job(const Case& c) { return {{"kind", kJobKind}, {"case", to_json(c)}}; }

Case case_from_job(const nlohmann::json& job, const std::string& path) {
  util::JsonObject o(job, path);
  o.choice("kind", {kJobKind});
  Case c = case_from_json(o.raw("case"), o.path_of("case"));
  o.finish();
  return c;
}

nlohmann::json to_json(const LayerMeasurement& l) {
  return {{"name", l.name},
          {"repeat", l.repeat},
          {"cycles", l.cycles},
          {"energy_pj", l.energy_pj},
          {"outputs_checked", l.outputs_checked},
          {"mapping", l.mapping}};
}

LayerMeasurement layer_measurement_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject l(j, path);
  LayerMeasurement m;
  m.name = l.string("name");
  m.repeat = static_cast<int>(l.integer("repeat", 1, 1 << 30));
  m.cycles = static_cast<std::uint64_t>(l.integer("cycles", 0, INT64_MAX));
  m.energy_pj = l.number("energy_pj", 0, 1e300);
  m.outputs_checked = static_cast<std::size_t>(l.integer("outputs_checked", 0, INT64_MAX));
  m.mapping = l.raw("mapping");
  l.finish();
  return m;
}

nlohmann::json to_json(const CaseResult& r) {
  return {{"name", r.name},
          {"status", to_string(r.status)},
          {"reason", r.reason},
          {"metrics", metrics_to_json(r.metrics)},
          {"delay_s", r.delay_s},
          {"layers", array_of(r.layers, [](const auto& l) { return to_json(l); })},
          {"wall_s", r.wall_s}};
}

CaseResult case_result_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  CaseResult r;
  r.name = o.string("name");
  r.status = run_status_from_string(o.string("status"), o.path_of("status"));
  r.reason = o.string("reason");
  r.metrics = metrics_from_json(o.object("metrics"));
  r.delay_s = o.number("delay_s", 0, 1e300);
  r.layers = read_array(o, "layers", layer_measurement_from_json);
  r.wall_s = o.number("wall_s", 0, 1e300);
  o.finish();
  return r;
}

}  // namespace codesign::regress
