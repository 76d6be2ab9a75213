#include "area/synthesis.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "area/area_model.hpp"
#include "util/json_reader.hpp"

using namespace codesign;
using namespace codesign::area;
namespace fs = std::filesystem;

namespace {

// A private cache per test, so that "cached" means cached by this test.
class Synthesis : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(CODESIGN_BUILD_DIR) /
           ("area-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

long flip_flops(const CellCounts& cells) {
  long n = 0;
  for (const auto& [type, count] : cells)
    if (type.rfind("$_DFF", 0) == 0 || type.rfind("$_SDFF", 0) == 0) n += count;
  return n;
}

}  // namespace

TEST_F(Synthesis, OnePeIsSynthesisedOnceThenCached) {
  const SynthesisCache cache((dir_ / "cache").string());
  arch::BuildConfig b;  // 8-bit data, 32-bit sums, both dataflows
  const SynthesisResult first = cache.run(pe_target(b));
  EXPECT_FALSE(first.cached);
  // The PE's registers: input and weight operands, the tile-boundary flag, the accumulator,
  // the shadow register (finished sums draining, or the next weight) and the drain flag.
  EXPECT_EQ(flip_flops(first.cells), 2 * 8 + 1 + 2 * 32 + 1);
  EXPECT_TRUE(first.blackboxes.empty());
  const double um2 = logic_area_um2(first.cells, load_cell_library(default_cell_library_path()));
  EXPECT_GT(um2, 500);  // a multiplier, an adder and 82 flip-flops
  EXPECT_LT(um2, 5000);
  const SynthesisResult again = cache.run(pe_target(b));
  EXPECT_TRUE(again.cached);
  EXPECT_EQ(again.cells, first.cells);
}

TEST_F(Synthesis, WiderDataMakesABiggerPe) {
  const SynthesisCache cache((dir_ / "cache").string());
  const CellLibrary lib = load_cell_library(default_cell_library_path());
  arch::BuildConfig narrow, wide;
  wide.data_width = 16;
  const SynthesisResult w = cache.run(pe_target(wide));
  EXPECT_EQ(flip_flops(w.cells), 2 * 16 + 1 + 2 * 32 + 1);
  EXPECT_GT(logic_area_um2(w.cells, lib),
            1.5 * logic_area_um2(cache.run(pe_target(narrow)).cells, lib));
}

// The model's PE-array term (PEs x one PE) against a real hierarchical synthesis of a small
// array, for both dataflow builds: within 1%. The array's own logic is the column result
// mux of a two-dataflow build (+0.4% here), and Yosys trims the top row's constant inputs
// (-0.4% for output-stationary only).
TEST_F(Synthesis, ArrayLogicIsPeLogicTimesPes) {
  const SynthesisCache cache((dir_ / "cache").string());
  const CellLibrary lib = load_cell_library(default_cell_library_path());
  for (const bool ws : {true, false}) {
    arch::BuildConfig b;
    b.rows = 3;
    b.cols = 2;
    b.weight_stationary = ws;
    LogicCoefficients c;
    c.pe_um2 = logic_area_um2(cache.run(pe_target(b)).cells, lib);
    const double array = logic_area_um2(cache.run(pe_array_target(b)).cells, lib);
    EXPECT_NEAR(estimate_area(b, c, SramModel{}).pe_array_um2, array, 0.01 * array) << ws;
  }
}

TEST_F(Synthesis, ScriptBlackBoxesTheSramAndRestoresTheTopName) {
  const SynthesisCache cache((dir_ / "cache").string());
  arch::BuildConfig b;
  b.rows = 3;
  const std::string s = cache.script(accelerator_target(b), "stat.json");
  EXPECT_NE(s.find("read_verilog -sv -lib \""), std::string::npos) << s;
  EXPECT_NE(s.find("banked_sram.sv\"\n"), std::string::npos) << s;
  EXPECT_NE(s.find("-set Rows 3"), std::string::npos) << s;
  EXPECT_NE(s.find("rename -top accel_top"), std::string::npos) << s;
}

TEST_F(Synthesis, AnInvalidVariantIsRejectedBeforeYosysRuns) {
  arch::BuildConfig b;
  b.data_width = 12;
  try {
    pe_target(b);
    FAIL() << "expected an error";
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("data_width"), std::string::npos) << e.what();
  }
}

TEST_F(Synthesis, AYosysFailureIsAnErrorAndCachesNothing) {
  // A copy of rtl/ whose PE does not parse.
  const fs::path rtl = dir_ / "rtl";
  fs::create_directories(rtl);
  for (const auto& f : fs::directory_iterator(fs::path(CODESIGN_SOURCE_DIR) / "rtl"))
    fs::copy_file(f.path(), rtl / f.path().filename());
  std::ofstream(rtl / "pe.sv", std::ios::app) << "\nmodule broken(; endmodule\n";
  const SynthesisCache cache((dir_ / "cache").string(), rtl.string());
  const SynthesisTarget t = pe_target(arch::BuildConfig{});
  try {
    cache.run(t);
    FAIL() << "expected a synthesis error";
  } catch (const SynthesisError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("synthesis of pe_DataW8_AccW32"), std::string::npos) << what;
    EXPECT_NE(what.find("pe.sv"), std::string::npos) << what;  // the log's tail names it
  }
  EXPECT_FALSE(fs::exists(cache.entry_path(t)));
  EXPECT_TRUE(fs::exists(cache.entry_path(t) + ".failed"));
}
