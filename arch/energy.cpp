#include "arch/energy.hpp"

#include <cmath>

#include "util/json_reader.hpp"

#ifndef CODESIGN_SOURCE_DIR
#error "CODESIGN_SOURCE_DIR must be defined by the build"
#endif

namespace codesign::arch {

EnergyTable energy_table_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  EnergyTable t;
  t.name = o.string("name");
  o.string_or("technology", "");
  t.multiply_8bit_pj = o.sourced_number("multiply_8bit_pj", 0, 1e3);
  t.add_32bit_pj = o.sourced_number("add_32bit_pj", 0, 1e3);
  t.zero_operand_mac_fraction = o.sourced_number("zero_operand_mac_fraction", 0, 1);
  t.register_bit_toggle_pj = o.sourced_number("register_bit_toggle_pj", 0, 1e3);
  t.register_bit_clock_pj = o.sourced_number("register_bit_clock_pj", 0, 1e3);
  t.sram_reference_bytes = o.sourced_number("sram_reference_bytes", 1, 1e12);
  t.sram_pj_per_64bit = o.sourced_number("sram_pj_per_64bit", 0, 1e6);
  t.sram_capacity_exponent = o.sourced_number("sram_capacity_exponent", 0, 2);
  t.dram_pj_per_byte = o.sourced_number("dram_pj_per_byte", 0, 1e6);
  t.leakage_mw_per_mm2 = o.sourced_number("leakage_mw_per_mm2", 0, 1e4);
  o.finish();
  return t;
}

EnergyTable load_energy_table(const std::string& file) {
  return energy_table_from_json(util::read_json_file(file), file);
}

std::string default_energy_table_path() {
  return std::string(CODESIGN_SOURCE_DIR) + "/configs/energy/45nm.json";
}

double EnergyBreakdown::total_pj() const {
  return mac_pj + register_pj + input_buffer_pj + weight_buffer_pj + accumulator_buffer_pj +
         dram_pj + leakage_pj;
}

double sram_access_pj(const EnergyTable& t, double bank_bytes, double bits) {
  return t.sram_pj_per_64bit *
         std::pow(bank_bytes / t.sram_reference_bytes, t.sram_capacity_exponent) * (bits / 64.0);
}

EnergyBreakdown energy_of(const ActionCounts& a, const BuildConfig& b, const EnergyTable& t) {
  EnergyBreakdown e;
  const double dw = b.data_width, aw = b.acc_width;
  const double mac_pj = t.multiply_8bit_pj * (dw / 8) * (dw / 8) + t.add_32bit_pj * (aw / 32);
  const double nonzero = static_cast<double>(a.macs - a.zero_macs);
  e.mac_pj = mac_pj * (nonzero + t.zero_operand_mac_fraction * static_cast<double>(a.zero_macs));
  // Every PE holds an input, a weight and an accumulator register, clocked every cycle.
  const double pe_bits = static_cast<double>(b.rows) * b.cols * (2 * dw + aw);
  e.register_pj =
      t.register_bit_toggle_pj * static_cast<double>(a.input_toggles + a.weight_toggles) +
      t.register_bit_clock_pj * pe_bits * static_cast<double>(a.cycles);
  auto buffer = [&](std::uint64_t accesses, int entries, int vector_bytes, std::uint32_t banks) {
    const double bank_bytes = static_cast<double>(entries) * vector_bytes / banks;
    return static_cast<double>(accesses) * sram_access_pj(t, bank_bytes, vector_bytes * 8.0);
  };
  e.input_buffer_pj = buffer(a.input_reads + a.input_writes, b.input_entries(),
                             b.input_vector_bytes(), b.input.banks);
  e.weight_buffer_pj = buffer(a.weight_reads + a.weight_writes, b.weight_entries(),
                              b.weight_vector_bytes(), b.weight.banks);
  e.accumulator_buffer_pj = buffer(a.acc_reads + a.acc_writes, b.acc_entries(),
                                   b.acc_vector_bytes(), b.accumulator.banks);
  e.dram_pj = t.dram_pj_per_byte * static_cast<double>(a.dram_read_bytes + a.dram_write_bytes);
  return e;
}

double leakage_pj(const EnergyTable& t, double area_mm2, double seconds) {
  return t.leakage_mw_per_mm2 * area_mm2 * seconds * 1e9;  // mW·s = 1e9 pJ
}

Metrics metrics_of(const ActionCounts& a, const HwConfig& hw, const EnergyTable& t,
                   double area_mm2) {
  Metrics m;
  m.cycles = a.cycles;
  m.delay_s = static_cast<double>(a.cycles) / (hw.run.clock_mhz * 1e6);
  m.energy = energy_of(a, hw.build, t);
  m.energy.leakage_pj = leakage_pj(t, area_mm2, m.delay_s);
  m.energy_pj = m.energy.total_pj();
  m.edp_js = m.energy_pj * 1e-12 * m.delay_s;
  const double pes = static_cast<double>(hw.build.rows) * hw.build.cols;
  m.utilisation =
      a.cycles ? static_cast<double>(a.macs) / (static_cast<double>(a.cycles) * pes) : 0;
  m.average_power_mw = m.delay_s > 0 ? m.energy_pj * 1e-9 / m.delay_s : 0;  // pJ/s → mW
  return m;
}

nlohmann::json to_json(const EnergyBreakdown& e) {
  return {{"mac", e.mac_pj},
          {"registers", e.register_pj},
          {"input_buffer", e.input_buffer_pj},
          {"weight_buffer", e.weight_buffer_pj},
          {"accumulator_buffer", e.accumulator_buffer_pj},
          {"dram", e.dram_pj},
          {"leakage", e.leakage_pj},
          {"total", e.total_pj()}};
}

nlohmann::json to_json(const Metrics& m) {
  return {{"cycles", m.cycles},
          {"delay_s", m.delay_s},
          {"energy_pj", m.energy_pj},
          {"energy_by_component_pj", to_json(m.energy)},
          {"edp_js", m.edp_js},
          {"utilisation", m.utilisation},
          {"average_power_mw", m.average_power_mw}};
}

}  // namespace codesign::arch
