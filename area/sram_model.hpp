// Area of an on-chip SRAM buffer from its capacity, banks, width and ports: bit cells over an
// array efficiency, plus periphery per bank (decoder, control) and per bank and data bit
// (sense amplifier, write driver, column multiplexer). CACTI-like in structure; the figures
// (configs/area/sram_45nm.json) each name their source.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace codesign::area {

struct SramModel {
  std::string name;
  double bit_cell_um2 = 0.346;
  double array_efficiency = 0.7;
  double bank_fixed_um2 = 2500;
  double io_bit_um2 = 10;
  double write_port_factor = 1.35;
};

SramModel sram_model_from_json(const nlohmann::json& j, const std::string& path);
SramModel load_sram_model(const std::string& file);
std::string default_sram_model_path();

// One buffer of `entries` vectors of `width_bits`, in `banks` banks; `write_port` adds a
// dedicated write port (1R1W).
double sram_area_um2(const SramModel& m, long entries, int width_bits, int banks, bool write_port);

}  // namespace codesign::area
