// Logic-area coefficients of the order synthesis gives (8-bit data, 32-bit sums), so that the
// area tests need no Yosys.
#pragma once

#include "area/area_model.hpp"

namespace codesign::tests {

inline area::LogicCoefficients example_coefficients(const arch::BuildConfig& b) {
  area::LogicCoefficients c;
  c.pe_um2 = 1500.0 * b.data_width / 8 + 40.0 * b.acc_width;
  c.skew_bit_um2 = 5.32;
  c.fixed_um2 = 30000;
  c.per_row_um2 = 300;
  c.per_col_um2 = 600;
  c.per_lane_um2 = 100;
  return c;
}

}  // namespace codesign::tests
