#include "area/cell_library.hpp"

#include <stdexcept>

#include "util/json_reader.hpp"

#ifndef CODESIGN_SOURCE_DIR
#error "CODESIGN_SOURCE_DIR must be defined by the build"
#endif

namespace codesign::area {

CellLibrary cell_library_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  CellLibrary lib;
  lib.name = o.string("name");
  lib.source = o.string("source");
  if (lib.source.empty()) o.fail("source", "must name where the areas come from");
  const nlohmann::json& cells_json = o.raw("cells");
  util::JsonObject cells(cells_json, o.path_of("cells"));
  for (const auto& [type, _] : cells_json.items()) {
    util::JsonObject c = cells.object(type);
    lib.area_um2[type] = c.number("area_um2", 0.0, 1e6);
    c.string("cell");  // what implements it: documentation, required
    c.finish();
  }
  cells.finish();
  o.finish();
  if (lib.area_um2.empty()) throw util::ConfigError(path + ": cells: expected at least one cell");
  return lib;
}

CellLibrary load_cell_library(const std::string& file) {
  return cell_library_from_json(util::read_json_file(file), file);
}

std::string default_cell_library_path() {
  return std::string(CODESIGN_SOURCE_DIR) + "/configs/area/nangate45.json";
}

double logic_area_um2(const CellCounts& cells, const CellLibrary& lib) {
  double um2 = 0;
  for (const auto& [type, count] : cells) {
    const auto it = lib.area_um2.find(type);
    if (it == lib.area_um2.end())
      throw std::runtime_error("cell library " + lib.name + " has no area for cell type " + type +
                               " (" + std::to_string(count) + " instances)");
    um2 += it->second * static_cast<double>(count);
  }
  return um2;
}

}  // namespace codesign::area
