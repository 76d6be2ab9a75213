// Energy from activity: an energy table (JSON, every figure with its source) turns
// ActionCounts into picojoules by component. Both fidelities use this one function.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "arch/action_counts.hpp"
#include "arch/hw_config.hpp"

namespace codesign::arch {

struct EnergyTable {
  std::string name;
  double multiply_8bit_pj = 0.2;           // scales with data_width^2
  double add_32bit_pj = 0.1;               // scales with acc_width
  double zero_operand_mac_fraction = 0.2;  // a MAC with a zero operand costs this share
  double register_bit_toggle_pj = 0.005;
  double register_bit_clock_pj = 0.001;  // per PE register bit per cycle
  double sram_reference_bytes = 8192;    // SRAM access energy: pj_per_64bit at reference
  double sram_pj_per_64bit = 10.0;       // size, scaled by (bank bytes / reference)^exponent
  double sram_capacity_exponent = 0.5;
  double dram_pj_per_byte = 250.0;
  double leakage_mw_per_mm2 = 20.0;  // static power per unit of area
};

EnergyTable energy_table_from_json(const nlohmann::json& j, const std::string& path);
EnergyTable load_energy_table(const std::string& file);
// The table shipped in configs/energy/45nm.json, found relative to the source tree.
std::string default_energy_table_path();

struct EnergyBreakdown {
  double mac_pj = 0;
  double register_pj = 0;
  double input_buffer_pj = 0;
  double weight_buffer_pj = 0;
  double accumulator_buffer_pj = 0;
  double dram_pj = 0;
  double leakage_pj = 0;  // leakage power density x area x time
  double total_pj() const;
};

// Energy of one access to a vector of `bits` in an SRAM bank of `bank_bytes`.
double sram_access_pj(const EnergyTable& t, double bank_bytes, double bits);
EnergyBreakdown energy_of(const ActionCounts& a, const BuildConfig& b, const EnergyTable& t);

// The figures a design is judged by.
struct Metrics {
  std::uint64_t cycles = 0;
  double delay_s = 0;
  EnergyBreakdown energy;
  double energy_pj = 0;
  double edp_js = 0;            // energy (J) × delay (s)
  double utilisation = 0;       // useful MACs / (cycles × PEs)
  double average_power_mw = 0;  // energy / delay
};

// `area_mm2` (from area/, passed in as a number) prices leakage; 0 leaves leakage out.
Metrics metrics_of(const ActionCounts& a, const HwConfig& hw, const EnergyTable& t,
                   double area_mm2 = 0);
// Leakage energy of `area_mm2` of silicon over `seconds`.
double leakage_pj(const EnergyTable& t, double area_mm2, double seconds);
nlohmann::json to_json(const EnergyBreakdown& e);
nlohmann::json to_json(const Metrics& m);

}  // namespace codesign::arch
