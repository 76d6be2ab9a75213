// Prices synthesised logic: a table of cell areas (JSON, with its source) turns the cell
// counts Yosys reports into um^2.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace codesign::area {

// Cell type (Yosys internal gate, e.g. "$_DFF_PN0_") -> number of instances.
using CellCounts = std::map<std::string, long>;

struct CellLibrary {
  std::string name;
  std::string source;
  std::map<std::string, double> area_um2;  // by cell type
};

CellLibrary cell_library_from_json(const nlohmann::json& j, const std::string& path);
CellLibrary load_cell_library(const std::string& file);
// configs/area/nangate45.json in the source tree.
std::string default_cell_library_path();

// Throws std::runtime_error naming the first cell type the library does not price: an
// unpriced cell must never count as zero area.
double logic_area_um2(const CellCounts& cells, const CellLibrary& lib);

}  // namespace codesign::area
