#include "regress/suite.hpp"

#include <fnmatch.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "arch/energy.hpp"
#include "mapping/mapping_file.hpp"
#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

namespace codesign::regress {

namespace fs = std::filesystem;
using util::ConfigError;
using util::JsonObject;

const char* to_string(Metric m) {
  switch (m) {
    case Metric::kCycles:
      return "cycles";
    case Metric::kEnergy:
      return "energy";
    case Metric::kEdp:
      return "edp";
    case Metric::kArea:
      return "area";
  }
  return "?";
}

const char* unit_of(Metric m) {
  switch (m) {
    case Metric::kCycles:
      return "cycles";
    case Metric::kEnergy:
      return "pJ";
    case Metric::kEdp:
      return "J*s";
    case Metric::kArea:
      return "mm2";
  }
  return "?";
}

double Tolerance::allowance(double baseline) const {
  return absolute + relative * std::abs(baseline);
}

std::string Tolerance::describe() const {
  std::ostringstream s;
  s << "+-(" << relative * 100 << "% + " << absolute << ")";
  return s.str();
}

const char* to_string(MappingSource s) {
  switch (s) {
    case MappingSource::kAuto:
      return "auto";
    case MappingSource::kFile:
      return "file";
    case MappingSource::kExport:
      return "export";
  }
  return "?";
}

namespace {

struct MappingSetting {
  MappingSource source = MappingSource::kAuto;
  std::uint64_t seed = 1;
  std::size_t budget = 300;
  std::string file;  // resolved, for kFile
  std::string path;  // where it was written, for errors
};

// The keys that defaults, a cross-product and a case share; each level overrides the one
// above it (a tolerance per metric).
struct Settings {
  std::optional<MappingSetting> mapping;
  std::optional<std::uint64_t> operand_seed;
  std::optional<double> stall_probability, timeout_s;
  std::optional<bool> area, leakage;
  std::map<Metric, Tolerance> tolerances;

  void override_with(const Settings& o) {
    if (o.mapping) mapping = o.mapping;
    if (o.operand_seed) operand_seed = o.operand_seed;
    if (o.stall_probability) stall_probability = o.stall_probability;
    if (o.timeout_s) timeout_s = o.timeout_s;
    if (o.area) area = o.area;
    if (o.leakage) leakage = o.leakage;
    for (const auto& [m, t] : o.tolerances) tolerances[m] = t;
  }
};

std::string resolve(const fs::path& base, const std::string& p) {
  return fs::path(p).is_absolute() ? p : (base / p).lexically_normal().string();
}

Settings read_settings(JsonObject& o, const fs::path& base) {
  Settings s;
  if (o.has("mapping")) {
    JsonObject m = o.object("mapping");
    MappingSetting ms;
    ms.path = m.path();
    const std::string source = m.choice("source", {"auto", "file", "export"});
    if (source == "auto") {
      ms.seed = static_cast<std::uint64_t>(m.integer_or("seed", 1, 0, kMaxSeed));
      ms.budget = static_cast<std::size_t>(m.integer_or("budget", 300, 1, 1000000));
    } else if (source == "file") {
      ms.source = MappingSource::kFile;
      ms.file = resolve(base, m.string("file"));
    } else {
      ms.source = MappingSource::kExport;
    }
    m.finish();
    s.mapping = ms;
  }
  if (o.has("operand_seed"))
    s.operand_seed = static_cast<std::uint64_t>(o.integer("operand_seed", 0, kMaxSeed));
  if (o.has("stall_probability")) s.stall_probability = o.number("stall_probability", 0, 0.95);
  if (o.has("timeout_s")) s.timeout_s = o.number("timeout_s", 1, 1e6);
  if (o.has("area")) s.area = o.boolean("area");
  if (o.has("leakage")) s.leakage = o.boolean("leakage");
  if (o.has("tolerances")) {
    JsonObject t = o.object("tolerances");
    for (const Metric m : kMetrics) {
      if (!t.has(to_string(m))) continue;
      JsonObject one = t.object(to_string(m));
      Tolerance tol;
      tol.relative = one.number_or("relative", 0, 0, 1e6);
      tol.absolute = one.number_or("absolute", 0, 0, 1e300);
      one.finish();
      s.tolerances[m] = tol;
    }
    t.finish();
  }
  return s;
}

// A hardware point given as a file name (relative to the suite) or inline.
arch::HwConfig read_hw(const nlohmann::json& v, const std::string& path, const fs::path& base) {
  if (v.is_string()) return arch::load_hw_config(resolve(base, v.get<std::string>()));
  if (v.is_object()) return arch::hw_config_from_json(v, path);
  throw ConfigError(path + ": expected a hardware point file name or object, got " +
                    std::string(v.type_name()));
}

mapping::Workload read_workload(const nlohmann::json& v, const std::string& path,
                                const fs::path& base) {
  if (v.is_string()) return mapping::load_workload(resolve(base, v.get<std::string>()));
  if (v.is_object()) return mapping::workload_from_json(v, path);
  throw ConfigError(path + ": expected a workload file name or object, got " +
                    std::string(v.type_name()));
}

// An exported design (`codesign export` output): its hardware point and, per layer in
// directory order, the layer, its mapping and the program the export shipped.
struct ExportedDesign {
  arch::HwConfig hw;
  std::vector<mapping::Layer> layers;
  std::vector<mapping::Mapping> mappings;
  std::vector<arch::Program> programs;
};

ExportedDesign read_export(const std::string& dir, const std::string& path) {
  if (!fs::is_directory(dir) || !fs::exists(fs::path(dir) / "manifest.json"))
    throw ConfigError(path + ": " + dir + " is not a codesign export (no manifest.json)");
  ExportedDesign d;
  d.hw = arch::load_hw_config((fs::path(dir) / "hw.json").string());
  std::set<fs::path> layer_dirs;
  if (fs::is_directory(fs::path(dir) / "layers"))
    for (const auto& e : fs::directory_iterator(fs::path(dir) / "layers"))
      if (e.is_directory()) layer_dirs.insert(e.path());
  if (layer_dirs.empty()) throw ConfigError(path + ": " + dir + "/layers holds no layer");
  for (const fs::path& l : layer_dirs) {
    const std::string layer_file = (l / "layer.json").string();
    const std::string mapping_file = (l / "mapping.json").string();
    const std::string program_file = (l / "program.json").string();
    d.layers.push_back(mapping::layer_from_json(util::read_json_file(layer_file), layer_file));
    d.mappings.push_back(
        mapping::mapping_from_json(util::read_json_file(mapping_file), mapping_file));
    mapping::require_valid(d.hw.build, d.layers.back(), d.mappings.back(), mapping_file);
    d.programs.push_back(arch::program_from_json(util::read_json_file(program_file), program_file));
  }
  return d;
}

// Everything a case needs besides its settings.
struct CaseSpec {
  std::string name, variant, origin;
  arch::HwConfig hw;
  std::string workload;
  std::vector<mapping::Layer> layers;
  std::optional<ExportedDesign> design;
};

Case make_case(CaseSpec spec, const Settings& s, const nlohmann::json& energy_table) {
  Case c;
  c.name = std::move(spec.name);
  c.variant = std::move(spec.variant);
  c.origin = std::move(spec.origin);
  c.hw = std::move(spec.hw);
  c.workload = std::move(spec.workload);
  c.layers = std::move(spec.layers);
  const MappingSetting m = s.mapping.value_or(MappingSetting{
      spec.design ? MappingSource::kExport : MappingSource::kAuto, 1, 300, "", c.origin});
  c.mapping_source = m.source;
  c.mapper_seed = m.seed;
  c.mapper_budget = m.budget;
  if (m.source == MappingSource::kFile)
    c.mappings = mapping::load_mapping_file(m.file, c.hw.build, {c.workload, c.layers}, c.layers);
  if (m.source == MappingSource::kExport) {
    if (!spec.design)
      throw ConfigError(m.path +
                        ".source: \"export\" needs a case with \"design\" (an export "
                        "directory); this case has a hardware point");
    c.mappings = spec.design->mappings;
    c.export_programs = spec.design->programs;
  }
  c.operand_seed = s.operand_seed.value_or(1);
  c.stall_probability = s.stall_probability.value_or(0);
  c.timeout_s = s.timeout_s.value_or(3600);
  c.leakage = s.leakage.value_or(false);
  c.area = s.area.value_or(false) || c.leakage;
  c.energy_table = energy_table;
  for (const Metric metric : kMetrics) c.tolerances[metric] = Tolerance{};
  for (const auto& [metric, t] : s.tolerances) c.tolerances[metric] = t;
  return c;
}

}  // namespace

Suite load_suite(const std::string& file) {
  const nlohmann::json j = util::read_json_file(file);
  const fs::path base = fs::path(file).parent_path();
  JsonObject root(j, file);
  Suite suite;
  suite.file = file;
  suite.name = root.string_or("name", fs::path(file).stem().string());
  const std::string energy_file = root.has("energy_table")
                                      ? resolve(base, root.string("energy_table"))
                                      : arch::default_energy_table_path();
  const nlohmann::json energy_table = util::read_json_file(energy_file);
  arch::energy_table_from_json(energy_table, energy_file);  // validated once, here
  Settings defaults;
  if (root.has("defaults")) {
    JsonObject d = root.object("defaults");
    defaults = read_settings(d, base);
    d.finish();
  }
  std::map<std::string, std::string> origins;  // case name -> where defined
  auto add = [&](CaseSpec spec, Settings s, const std::string& name_path) {
    const auto [it, fresh] = origins.emplace(spec.name, spec.origin);
    if (!fresh)
      throw ConfigError(name_path + ": case name \"" + spec.name + "\" is already used by " +
                        it->second + "; names must be unique");
    Settings merged = defaults;
    merged.override_with(s);
    suite.cases.push_back(make_case(std::move(spec), merged, energy_table));
  };

  if (root.has("matrix")) {
    const nlohmann::json& matrix = root.array("matrix");
    for (std::size_t i = 0; i < matrix.size(); ++i) {
      JsonObject x = util::array_element(matrix, i, root.path_of("matrix"));
      const nlohmann::json& variants = x.array("variants");
      const nlohmann::json& workloads = x.array("workloads");
      if (variants.empty()) x.fail("variants", "expected at least one hardware point");
      if (workloads.empty()) x.fail("workloads", "expected at least one workload");
      const Settings s = read_settings(x, base);
      x.finish();
      std::vector<arch::HwConfig> hws;
      for (std::size_t v = 0; v < variants.size(); ++v)
        hws.push_back(
            read_hw(variants[v], x.path_of("variants") + "[" + std::to_string(v) + "]", base));
      for (std::size_t w = 0; w < workloads.size(); ++w) {
        const std::string wpath = x.path_of("workloads") + "[" + std::to_string(w) + "]";
        const mapping::Workload workload = read_workload(workloads[w], wpath, base);
        for (std::size_t v = 0; v < hws.size(); ++v) {
          CaseSpec spec;
          spec.variant = hws[v].name;
          spec.name = hws[v].name + "/" + workload.name;
          spec.origin = x.path() + " (variants[" + std::to_string(v) + "] x workloads[" +
                        std::to_string(w) + "])";
          spec.hw = hws[v];
          spec.workload = workload.name;
          spec.layers = workload.layers;
          add(std::move(spec), s, x.path());
        }
      }
    }
  }
  if (root.has("cases")) {
    const nlohmann::json& cases = root.array("cases");
    for (std::size_t i = 0; i < cases.size(); ++i) {
      JsonObject x = util::array_element(cases, i, root.path_of("cases"));
      CaseSpec spec;
      spec.origin = x.path();
      spec.name = x.string("name");
      if (spec.name.empty()) x.fail("name", "expected a non-empty name");
      if (x.has("hw") == x.has("design"))
        x.fail("hw",
               "give exactly one of \"hw\" (a hardware point) and \"design\" (an export "
               "directory)");
      if (x.has("hw")) {
        spec.hw = read_hw(x.raw("hw"), x.path_of("hw"), base);
        const mapping::Workload w = read_workload(x.raw("workload"), x.path_of("workload"), base);
        spec.workload = w.name;
        spec.layers = w.layers;
      } else {
        if (x.has("workload"))
          x.fail("workload", "a \"design\" brings its own layers; remove \"workload\"");
        const std::string dir = resolve(base, x.string("design"));
        spec.design = read_export(dir, x.path_of("design"));
        spec.hw = spec.design->hw;
        spec.layers = spec.design->layers;
        spec.workload = fs::path(dir).filename().string();
      }
      spec.variant = x.string_or("variant", spec.hw.name);
      const Settings s = read_settings(x, base);
      x.finish();
      add(std::move(spec), s, x.path_of("name"));
    }
  }
  root.finish();
  if (suite.cases.empty())
    throw ConfigError(file + ": no cases (give \"matrix\" or \"cases\", at least one)");
  return suite;
}

std::vector<Case> filter_cases(const std::vector<Case>& cases, const std::string& glob) {
  if (glob.empty()) return cases;
  std::vector<Case> out;
  for (const Case& c : cases)
    if (::fnmatch(glob.c_str(), c.name.c_str(), 0) == 0) out.push_back(c);
  return out;
}

}  // namespace codesign::regress
