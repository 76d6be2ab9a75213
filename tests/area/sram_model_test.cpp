#include "area/sram_model.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign::area;

TEST(SramModel, DefaultFiguresLoad) {
  const SramModel m = load_sram_model(default_sram_model_path());
  EXPECT_DOUBLE_EQ(m.bit_cell_um2, 0.346);
}

TEST(SramModel, CellsPlusPeripheryPerBank) {
  SramModel m;
  m.bit_cell_um2 = 0.5;
  m.array_efficiency = 0.5;
  m.bank_fixed_um2 = 100;
  m.io_bit_um2 = 2;
  m.write_port_factor = 1.5;
  // 64 entries x 8 bits = 512 bits x 1 um^2; 2 banks x (100 + 2 x 8).
  EXPECT_DOUBLE_EQ(sram_area_um2(m, 64, 8, 2, false), 512 + 232);
  EXPECT_DOUBLE_EQ(sram_area_um2(m, 64, 8, 2, true), 1.5 * (512 + 232));
}

TEST(SramModel, GrowsWithCapacityBanksAndPorts) {
  const SramModel m = load_sram_model(default_sram_model_path());
  const double base = sram_area_um2(m, 1024, 128, 2, false);
  EXPECT_GT(sram_area_um2(m, 2048, 128, 2, false), base);
  EXPECT_GT(sram_area_um2(m, 1024, 128, 4, false), base);
  EXPECT_GT(sram_area_um2(m, 1024, 128, 2, true), base);
  // 64 KiB in 2 banks: a few tenths of a mm^2 at 45 nm.
  EXPECT_GT(sram_area_um2(m, 4096, 128, 2, false), 0.2e6);
  EXPECT_LT(sram_area_um2(m, 4096, 128, 2, false), 0.6e6);
}

TEST(SramModel, RejectsAFigureWithoutSource) {
  nlohmann::json j = {{"name", "x"}, {"bit_cell_um2", {{"value", 0.3}, {"source", ""}}}};
  EXPECT_THROW(sram_model_from_json(j, "s.json"), codesign::util::ConfigError);
}
