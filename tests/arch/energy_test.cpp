#include "arch/energy.hpp"

#include <gtest/gtest.h>

using namespace codesign::arch;

TEST(Energy, DefaultTableLoadsWithSources) {
  const EnergyTable t = load_energy_table(default_energy_table_path());
  EXPECT_DOUBLE_EQ(t.multiply_8bit_pj, 0.2);
  EXPECT_DOUBLE_EQ(t.sram_pj_per_64bit, 10.0);
}

TEST(Energy, SramEnergyFollowsHorowitzPoints) {
  const EnergyTable t = load_energy_table(default_energy_table_path());
  EXPECT_NEAR(sram_access_pj(t, 8192, 64), 10.0, 1e-9);
  EXPECT_NEAR(sram_access_pj(t, 32768, 64), 20.0, 1e-9);
  EXPECT_NEAR(sram_access_pj(t, 1 << 20, 64), 113.1, 0.1);
}

TEST(Energy, CountsMapToComponents) {
  const EnergyTable t = load_energy_table(default_energy_table_path());
  HwConfig hw;
  ActionCounts a;
  a.cycles = 100;
  a.macs = 1000;
  a.zero_macs = 100;
  a.dram_read_bytes = 10;
  const Metrics m = metrics_of(a, hw, t);
  EXPECT_NEAR(m.energy.mac_pj, 0.3 * (900 + 0.2 * 100), 1e-9);
  EXPECT_NEAR(m.energy.dram_pj, 2500, 1e-9);
  EXPECT_EQ(m.energy.input_buffer_pj, 0);
  EXPECT_NEAR(m.delay_s, 100 / 500e6, 1e-15);
  EXPECT_NEAR(m.edp_js, m.energy_pj * 1e-12 * m.delay_s, 1e-30);
  EXPECT_NEAR(m.utilisation, 1000.0 / (100 * 256), 1e-12);
  ActionCounts b = a;
  b += a;
  EXPECT_EQ(b.macs, 2000u);
  EXPECT_EQ(a.scaled(3).dram_read_bytes, 30u);
}

TEST(Energy, RejectsFigureWithoutSource) {
  nlohmann::json j = {{"name", "x"}, {"multiply_8bit_pj", {{"value", 1}, {"source", ""}}}};
  EXPECT_THROW(energy_table_from_json(j, "e.json"), std::runtime_error);
}

TEST(Energy, LeakageIsDensityTimesAreaTimesTime) {
  const EnergyTable t = load_energy_table(default_energy_table_path());
  HwConfig hw;
  ActionCounts a;
  a.cycles = 500;  // 1 µs at 500 MHz
  const Metrics none = metrics_of(a, hw, t);
  EXPECT_EQ(none.energy.leakage_pj, 0);
  const Metrics m = metrics_of(a, hw, t, 2.0);
  // 20 mW/mm² × 2 mm² × 1 µs = 40 nJ
  EXPECT_NEAR(m.energy.leakage_pj, t.leakage_mw_per_mm2 * 2.0 * 1e-6 * 1e9, 1e-6);
  EXPECT_NEAR(m.energy_pj - none.energy_pj, m.energy.leakage_pj, 1e-6);
  // pJ / µs = µW
  EXPECT_NEAR(m.average_power_mw, m.energy_pj / 1e-6 * 1e-9, 1e-9);
  EXPECT_GT(m.average_power_mw, t.leakage_mw_per_mm2 * 2.0);
}
