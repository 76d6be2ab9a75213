// The area model against whole-accelerator synthesis on small arrays (slow: each variant is
// calibrated on four synthesised arrays, then each configuration is synthesised whole).
#include <gtest/gtest.h>

#include "area/area_model.hpp"

using namespace codesign;
using namespace codesign::area;

namespace {

struct Case {
  const char* name;
  int rows, cols, data_width, acc_width;
  bool os, ws;
};

class Agreement : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(Agreement, ModelLogicWithinFivePercentOfSynthesis) {
  const Case& c = GetParam();
  arch::BuildConfig b;
  b.rows = c.rows;
  b.cols = c.cols;
  b.data_width = c.data_width;
  b.acc_width = c.acc_width;
  b.output_stationary = c.os;
  b.weight_stationary = c.ws;
  b.input = {static_cast<std::uint32_t>(512 * b.input_vector_bytes()), 2};
  b.weight = {static_cast<std::uint32_t>(512 * b.weight_vector_bytes()), 2};
  b.accumulator = {static_cast<std::uint32_t>(512 * b.acc_vector_bytes()), 2};
  const SynthesisCache cache;
  const CellLibrary lib = load_cell_library(default_cell_library_path());
  AreaModel model(cache, lib, load_sram_model(default_sram_model_path()));
  const double modelled = model.area(b).logic_um2();
  const double synthesised = logic_area_um2(cache.run(accelerator_target(b)).cells, lib);
  EXPECT_NEAR(modelled / synthesised, 1.0, 0.05)
      << "model " << modelled << " um^2, synthesis " << synthesised << " um^2";
}

INSTANTIATE_TEST_SUITE_P(SmallArrays, Agreement,
                         ::testing::Values(Case{"a3x2", 3, 2, 8, 32, true, true},
                                           Case{"a2x5os", 2, 5, 8, 24, true, false},
                                           Case{"a6x6ws16", 6, 6, 16, 32, false, true}),
                         [](const auto& info) { return std::string(info.param.name); });
