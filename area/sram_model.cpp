#include "area/sram_model.hpp"

#include "util/json_reader.hpp"

#ifndef CODESIGN_SOURCE_DIR
#error "CODESIGN_SOURCE_DIR must be defined by the build"
#endif

namespace codesign::area {

SramModel sram_model_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  SramModel m;
  m.name = o.string("name");
  m.bit_cell_um2 = o.sourced_number("bit_cell_um2", 1e-3, 100);
  m.array_efficiency = o.sourced_number("array_efficiency", 0.05, 1);
  m.bank_fixed_um2 = o.sourced_number("bank_fixed_um2", 0, 1e7);
  m.io_bit_um2 = o.sourced_number("io_bit_um2", 0, 1e4);
  m.write_port_factor = o.sourced_number("write_port_factor", 1, 4);
  o.finish();
  return m;
}

SramModel load_sram_model(const std::string& file) {
  return sram_model_from_json(util::read_json_file(file), file);
}

std::string default_sram_model_path() {
  return std::string(CODESIGN_SOURCE_DIR) + "/configs/area/sram_45nm.json";
}

double sram_area_um2(const SramModel& m, long entries, int width_bits, int banks, bool write_port) {
  const double bits = static_cast<double>(entries) * width_bits;
  const double cells = bits * m.bit_cell_um2 / m.array_efficiency;
  const double periphery = banks * (m.bank_fixed_um2 + m.io_bit_um2 * width_bits);
  return (cells + periphery) * (write_port ? m.write_port_factor : 1.0);
}

}  // namespace codesign::area
