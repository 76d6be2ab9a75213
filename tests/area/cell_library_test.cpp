#include "area/cell_library.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign::area;

TEST(CellLibrary, DefaultTablePricesYosysGatesWithItsSource) {
  const CellLibrary lib = load_cell_library(default_cell_library_path());
  EXPECT_FALSE(lib.source.empty());
  EXPECT_DOUBLE_EQ(lib.area_um2.at("$_NAND_"), 0.798);
  EXPECT_DOUBLE_EQ(lib.area_um2.at("$_DFF_PN0_"), 5.32);
  EXPECT_NEAR(logic_area_um2({{"$_NAND_", 10}, {"$_DFF_PN0_", 2}}, lib), 7.98 + 10.64, 1e-9);
}

TEST(CellLibrary, AnUnpricedCellIsAnErrorNamingIt) {
  const CellLibrary lib = load_cell_library(default_cell_library_path());
  try {
    logic_area_um2({{"$_NAND_", 1}, {"$_FANCY_", 3}}, lib);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("$_FANCY_"), std::string::npos) << e.what();
  }
}

TEST(CellLibrary, RejectsUnknownKeysAndMissingSource) {
  const nlohmann::json cell = {{"area_um2", 1.0}, {"cell", "X"}};
  nlohmann::json ok = {{"name", "t"}, {"source", "s"}, {"cells", {{"$_AND_", cell}}}};
  EXPECT_NO_THROW(cell_library_from_json(ok, "c.json"));
  nlohmann::json extra = ok;
  extra["cells"]["$_AND_"]["leak"] = 1;
  EXPECT_THROW(cell_library_from_json(extra, "c.json"), codesign::util::ConfigError);
  nlohmann::json no_source = ok;
  no_source["source"] = "";
  EXPECT_THROW(cell_library_from_json(no_source, "c.json"), codesign::util::ConfigError);
}
