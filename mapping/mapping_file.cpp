#include "mapping/mapping_file.hpp"

#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

std::vector<Mapping> load_layer_mappings(const std::string& file, const arch::BuildConfig& b,
                                         const std::vector<Layer>& layers) {
  const nlohmann::json j = util::read_json_file(file);
  util::JsonObject o(j, file);
  util::JsonObject by_name = o.object("layers");
  std::vector<Mapping> out;
  for (const auto& l : layers) {
    const std::string path = by_name.path_of(l.name);
    if (!by_name.has(l.name)) throw util::ConfigError(path + ": no mapping for this layer");
    const Mapping m = mapping_from_json(by_name.raw(l.name), path);
    require_valid(b, l, m, path);
    out.push_back(m);
  }
  by_name.finish();
  o.finish();
  return out;
}

}  // namespace codesign::mapping
