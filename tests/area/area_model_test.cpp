#include "area/area_model.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "example_coefficients.hpp"

using namespace codesign;
using namespace codesign::area;
using codesign::tests::example_coefficients;

namespace {

AreaModel example_model() { return AreaModel(example_coefficients, SramModel{}); }

arch::BuildConfig config(int rows, int cols) {
  arch::BuildConfig b;
  b.rows = rows;
  b.cols = cols;
  return b;
}

}  // namespace

TEST(AreaModel, SkewRegistersGrowWithTheSquareOfTheEdges) {
  arch::BuildConfig b = config(4, 3);
  // inputs 8 x (0+1+2+3), weights 8 x (0+1+2), sums 32 x (0+1+2)
  EXPECT_EQ(skew_register_bits(b), 8 * 6 + 8 * 3 + 32 * 3);
  b.weight_stationary = false;
  EXPECT_EQ(skew_register_bits(b), 8 * 6 + 8 * 3);
  b.weight_stationary = true;
  b.output_stationary = false;
  EXPECT_EQ(skew_register_bits(b), 8 * 6 + 32 * 3);
  EXPECT_EQ(skew_register_bits(config(1, 1)), 0);
}

TEST(AreaModel, FitRecoversTheCoefficientsOfALinearTruth) {
  const arch::BuildConfig variant = config(16, 16);
  const LogicCoefficients truth = example_coefficients(variant);
  const auto logic = [&](const arch::BuildConfig& b) {
    return estimate_area(b, truth, SramModel{}).logic_um2();
  };
  const LogicCoefficients fit = fit_coefficients(variant, truth.pe_um2, truth.skew_bit_um2, logic);
  EXPECT_NEAR(fit.fixed_um2, truth.fixed_um2, 1e-6);
  EXPECT_NEAR(fit.per_row_um2, truth.per_row_um2, 1e-6);
  EXPECT_NEAR(fit.per_col_um2, truth.per_col_um2, 1e-6);
  EXPECT_NEAR(fit.per_lane_um2, truth.per_lane_um2, 1e-6);
}

TEST(AreaModel, CalibrationShapesKeepTheVariantAndVaryTheShape) {
  arch::BuildConfig v = config(16, 16);
  v.data_width = 16;
  v.weight_stationary = false;
  const auto shapes = calibration_shapes(v);
  ASSERT_EQ(shapes.size(), 4u);
  for (const auto& s : shapes) {
    EXPECT_EQ(logic_variant_key(s), logic_variant_key(v));
    EXPECT_NO_THROW(arch::validate(s, "shape"));
  }
}

TEST(AreaModel, MorePesMoreArea) {
  AreaModel m = example_model();
  double last = 0;
  for (int n : {1, 2, 4, 8, 16, 32}) {
    const double a = m.area(config(n, n)).total_um2();
    EXPECT_GT(a, last) << n;
    last = a;
  }
  EXPECT_GT(m.area(config(8, 9)).logic_um2(), m.area(config(8, 8)).logic_um2());
  EXPECT_GT(m.area(config(9, 8)).logic_um2(), m.area(config(8, 8)).logic_um2());
}

TEST(AreaModel, WiderDataMoreArea) {
  AreaModel m = example_model();
  arch::BuildConfig narrow = config(8, 8), wide = config(8, 8);
  wide.data_width = 16;
  EXPECT_GT(m.area(wide).edge_um2, m.area(narrow).edge_um2);
  EXPECT_GT(m.area(wide).logic_um2(), m.area(narrow).logic_um2());
}

TEST(AreaModel, BiggerBuffersMoreArea) {
  AreaModel m = example_model();
  arch::BuildConfig small = config(8, 8), big = config(8, 8);
  big.input.bytes *= 2;
  EXPECT_GT(m.area(big).input_buffer_um2, m.area(small).input_buffer_um2);
  EXPECT_EQ(m.area(big).logic_um2(), m.area(small).logic_um2());
  big.accumulator.banks = 8;
  EXPECT_GT(m.area(big).accumulator_buffer_um2, m.area(small).accumulator_buffer_um2);
}

TEST(AreaModel, AVariantIsCalibratedOnce) {
  int calls = 0;
  AreaModel m(
      [&](const arch::BuildConfig& b) {
        ++calls;
        return example_coefficients(b);
      },
      SramModel{});
  m.area(config(4, 4));
  m.area(config(16, 8));
  EXPECT_EQ(calls, 1);
  arch::BuildConfig wide = config(4, 4);
  wide.data_width = 16;
  m.area(wide);
  EXPECT_EQ(calls, 2);
}
