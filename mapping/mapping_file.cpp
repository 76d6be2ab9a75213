#include "mapping/mapping_file.hpp"

#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

std::vector<Mapping> mappings_from_json(const nlohmann::json& j, const std::string& path,
                                        const arch::BuildConfig& hw, const Workload& workload,
                                        const std::vector<Layer>& selected) {
  util::JsonObject o(j, path);
  util::JsonObject by_name = o.object("layers");
  std::vector<Mapping> out;
  for (const Layer& l : selected) {
    const std::string where = by_name.path_of(l.name);
    if (!by_name.has(l.name)) throw util::ConfigError(where + ": no mapping for this layer");
    const Mapping m = mapping_from_json(by_name.raw(l.name), where);
    require_valid(hw, l, m, where);
    out.push_back(m);
  }
  // Mappings of the workload's other layers may be present (a file for the whole network
  // used with a selection of its layers); any other name is a mistake.
  for (const Layer& l : workload.layers)
    if (by_name.has(l.name)) by_name.raw(l.name);
  by_name.finish();
  o.finish();
  return out;
}

std::vector<Mapping> load_mapping_file(const std::string& file, const arch::BuildConfig& hw,
                                       const Workload& workload,
                                       const std::vector<Layer>& selected) {
  return mappings_from_json(util::read_json_file(file), file, hw, workload, selected);
}

}  // namespace codesign::mapping
