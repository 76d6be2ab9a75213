#include "importer/repeats.hpp"

#include <map>
#include <string>

namespace codesign::importer {

namespace {

// The layer's JSON without its name and repeat: equal keys, identical computation.
std::string shape_key(const mapping::Layer& l) {
  nlohmann::json j = mapping::to_json(l);
  j.erase("name");
  j.erase("repeat");
  return j.dump();
}

}  // namespace

std::vector<mapping::Layer> merge_repeats(const std::vector<mapping::Layer>& layers) {
  std::vector<mapping::Layer> merged;
  std::map<std::string, std::size_t> index;
  for (const mapping::Layer& l : layers) {
    const auto [it, first] = index.emplace(shape_key(l), merged.size());
    if (first)
      merged.push_back(l);
    else
      merged[it->second].repeat += l.repeat;
  }
  return merged;
}

}  // namespace codesign::importer
