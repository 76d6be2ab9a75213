#include "regress/baselines.hpp"

#include <ctime>
#include <filesystem>

#include "regress/case_json.hpp"
#include "util/atomic_file.hpp"
#include "util/json_reader.hpp"
#include "util/source_revision.hpp"

#ifndef CODESIGN_SOURCE_DIR
#error "CODESIGN_SOURCE_DIR must be defined by the build"
#endif

namespace codesign::regress {

namespace {

constexpr const char* kFormat = "codesign regress baselines";
constexpr int kVersion = 1;

}  // namespace

Provenance current_provenance() {
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {date, util::git_revision(CODESIGN_SOURCE_DIR),
          util::git_revision(CODESIGN_SOURCE_DIR, "rtl")};
}

Baselines load_baselines(const std::string& file) {
  Baselines out;
  if (!std::filesystem::exists(file)) return out;
  const nlohmann::json j = util::read_json_file(file);
  util::JsonObject root(j, file);
  if (root.string("format") != kFormat)
    root.fail("format", std::string("expected \"") + kFormat + "\"");
  root.integer("version", kVersion, kVersion);
  util::JsonObject cases = root.object("cases");
  for (const auto& [name, value] : root.raw("cases").items()) {
    util::JsonObject b = cases.object(name);
    Baseline base;
    base.metrics = metrics_from_json(b.object("metrics"));
    const nlohmann::json& layers = b.array("layers");
    for (std::size_t i = 0; i < layers.size(); ++i)
      base.layers.push_back(layer_measurement_from_json(
          layers[i], b.path_of("layers") + "[" + std::to_string(i) + "]"));
    base.design = b.string("design");
    base.provenance = {b.string("date"), b.string("tool_revision"), b.string("rtl_revision")};
    b.finish();
    out[name] = std::move(base);
  }
  cases.finish();
  root.finish();
  return out;
}

void save_baselines(const std::string& file, const Baselines& baselines) {
  nlohmann::json cases = nlohmann::json::object();
  for (const auto& [name, b] : baselines) {
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerMeasurement& l : b.layers) layers.push_back(to_json(l));
    cases[name] = {{"metrics", metrics_to_json(b.metrics)},
                   {"layers", layers},
                   {"design", b.design},
                   {"date", b.provenance.date},
                   {"tool_revision", b.provenance.tool_revision},
                   {"rtl_revision", b.provenance.rtl_revision}};
  }
  const nlohmann::json j = {{"format", kFormat}, {"version", kVersion}, {"cases", cases}};
  util::write_file_atomic(file, j.dump(1) + "\n");
}

Baseline baseline_of(const Case& c, const CaseResult& r, const Provenance& p) {
  return {r.metrics, r.layers, c.hw.build.key(), p};
}

}  // namespace codesign::regress
