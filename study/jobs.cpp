#include "study/jobs.hpp"

#include <limits>

#include "arch/energy.hpp"
#include "search/codesign/codesign_search.hpp"
#include "search/codesign/trial_record.hpp"
#include "store/trial_json.hpp"
#include "systemc/build_cache.hpp"
#include "util/json_reader.hpp"

namespace codesign::study {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

systemc::RtlStatus rtl_status_from(util::JsonObject& o, const std::string& key) {
  const std::string s = o.choice(key, {"ok", "build_failure", "simulation_failure", "timeout"});
  if (s == "ok") return systemc::RtlStatus::kOk;
  if (s == "build_failure") return systemc::RtlStatus::kBuildFailure;
  if (s == "timeout") return systemc::RtlStatus::kTimeout;
  return systemc::RtlStatus::kSimFailure;
}

}  // namespace

nlohmann::json to_json(const MapJob& job) {
  nlohmann::json layers = nlohmann::json::array(), warm = nlohmann::json::array();
  for (const auto& l : job.layers) layers.push_back(mapping::to_json(l));
  for (const auto& starts : job.warm) {
    nlohmann::json w = nlohmann::json::array();
    for (const auto& m : starts) w.push_back(mapping::to_json(m));
    warm.push_back(w);
  }
  return {{"kind", "map"},
          {"hw", arch::to_json(job.hw)},
          {"layers", layers},
          {"energy", job.energy},
          {"mapper",
           {{"algorithm", job.mapper.algorithm},
            {"budget", job.mapper.budget},
            {"seed", job.mapper.seed}}},
          {"warm", warm},
          {"area_mm2", job.area_mm2},
          {"leakage", job.leakage},
          {"algorithm", job.algorithm}};
}

MapJob map_job_from_json(const nlohmann::json& j, const std::string& where) {
  util::JsonObject o(j, where);
  o.choice("kind", {"map"});
  MapJob job;
  job.hw = arch::hw_config_from_json(o.raw("hw"), o.path_of("hw"));
  const auto& layers = o.array("layers");
  for (std::size_t i = 0; i < layers.size(); ++i)
    job.layers.push_back(mapping::layer_from_json(layers[i], o.path_of("layers")));
  job.energy = o.raw("energy");
  util::JsonObject m = o.object("mapper");
  job.mapper.algorithm = m.choice("algorithm", {"bo", "random", "ga", "sa"});
  job.mapper.budget = static_cast<std::size_t>(m.integer("budget", 1, 1000000));
  job.mapper.seed = static_cast<std::uint64_t>(m.integer("seed", 0, kMaxInt));
  m.finish();
  const auto& warm = o.array("warm");
  if (warm.size() != job.layers.size()) o.fail("warm", "expected one list per layer");
  for (const auto& starts : warm) {
    std::vector<mapping::Mapping> w;
    for (const auto& mj : starts) w.push_back(mapping::mapping_from_json(mj, o.path_of("warm")));
    job.warm.push_back(std::move(w));
  }
  job.area_mm2 = o.number("area_mm2", 0, 1e9);
  job.leakage = o.boolean("leakage");
  job.algorithm = o.string("algorithm");
  o.finish();
  return job;
}

nlohmann::json to_json(const SimulateJob& job) {
  return {{"kind", "simulate"},
          {"hw", arch::to_json(job.hw)},
          {"layer", mapping::to_json(job.layer)},
          {"mapping", mapping::to_json(job.mapping)},
          {"seed", job.seed},
          {"cache_dir", job.cache_dir},
          {"timeout_s", job.timeout_s}};
}

SimulateJob simulate_job_from_json(const nlohmann::json& j, const std::string& where) {
  util::JsonObject o(j, where);
  o.choice("kind", {"simulate"});
  SimulateJob job;
  job.hw = arch::hw_config_from_json(o.raw("hw"), o.path_of("hw"));
  job.layer = mapping::layer_from_json(o.raw("layer"), o.path_of("layer"));
  job.mapping = mapping::mapping_from_json(o.raw("mapping"), o.path_of("mapping"));
  job.seed = static_cast<std::uint64_t>(o.integer("seed", 0, kMaxInt));
  job.cache_dir = o.string("cache_dir");
  job.timeout_s = o.number("timeout_s", 0, 1e9);
  o.finish();
  return job;
}

nlohmann::json to_json(const SimulateOutcome& s) {
  const tb::MappedLayerResult& r = s.result;
  return {{"status", systemc::to_string(r.status)},
          {"reason", r.reason},
          {"outputs", r.outputs},
          {"mismatches", r.mismatches},
          {"counts", arch::to_json(r.counts)},
          {"build_cached", s.build_cached},
          {"build_s", s.build_s}};
}

SimulateOutcome simulate_outcome_from_json(const nlohmann::json& j, const std::string& where) {
  util::JsonObject o(j, where);
  SimulateOutcome s;
  s.result.status = rtl_status_from(o, "status");
  s.result.reason = o.string("reason");
  s.result.outputs = static_cast<std::size_t>(o.integer("outputs", 0, kMaxInt));
  s.result.mismatches = static_cast<std::size_t>(o.integer("mismatches", 0, kMaxInt));
  s.result.counts = arch::action_counts_from_json(o.raw("counts"), o.path_of("counts"));
  s.build_cached = o.boolean("build_cached");
  s.build_s = o.number("build_s", 0, 1e12);
  o.finish();
  return s;
}

store::Trial run_map_job(const MapJob& job) {
  const arch::EnergyTable energy = arch::energy_table_from_json(job.energy, "job: energy");
  search::WarmStarts warm;
  // Layers of one shape carry the same warm starts: each shape's are added once.
  for (std::size_t i = 0; i < job.layers.size(); ++i)
    if (warm.of(job.layers[i]).empty())
      for (auto m = job.warm[i].rbegin(); m != job.warm[i].rend(); ++m)  // oldest first
        warm.add(job.layers[i], *m);
  search::HwEvaluation e = search::evaluate_hw(job.hw, job.layers, energy, job.mapper, &warm,
                                               job.leakage ? job.area_mm2 : 0);
  e.area_mm2 = job.area_mm2;
  return search::to_trial(e, job.algorithm);
}

SimulateOutcome run_simulate_job(const SimulateJob& job) {
  const systemc::BuildCache cache(job.cache_dir);
  SimulateOutcome s;
  // Built here first, so the outcome says whether the cache already had it.
  const systemc::BuildResult build = cache.build(job.hw.build);
  s.build_cached = build.cached;
  s.build_s = build.seconds;
  if (!build.ok) {
    s.result.status = systemc::RtlStatus::kBuildFailure;
    s.result.reason = build.reason;
    return s;
  }
  tb::MappedRunOptions options;
  options.run.timeout_s = job.timeout_s;
  s.result =
      tb::run_mapped_layers(job.hw, {{job.layer, job.mapping, job.seed}}, cache, options).at(0);
  return s;
}

nlohmann::json run_job(const nlohmann::json& job) {
  const std::string kind = job.is_object() ? job.value("kind", "") : "";
  if (kind == "map") return store::to_json(run_map_job(map_job_from_json(job, "job.json")));
  if (kind == "simulate") return to_json(run_simulate_job(simulate_job_from_json(job, "job.json")));
  throw util::ConfigError("job.json: kind: expected \"map\" or \"simulate\"");
}

}  // namespace codesign::study
