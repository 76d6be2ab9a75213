// Golden models: what the accelerator must compute, bit for bit. Sums wrap modulo
// 2^acc_width like the RTL's accumulators.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace codesign::tb {

using IntMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Wraps v to acc_width bits, two's complement.
std::int64_t wrap(std::int64_t v, int acc_width);

// C = A · B with wrapped sums.
IntMatrix gemm_golden(const IntMatrix& a, const IntMatrix& b, int acc_width);

struct ConvShape {
  int h = 8, w = 8, c = 4;  // input
  int k = 4, r = 3, s = 3;  // filters
  int stride = 1, pad = 1, dilation = 1;
  int p() const { return (h + 2 * pad - dilation * (r - 1) - 1) / stride + 1; }
  int q() const { return (w + 2 * pad - dilation * (s - 1) - 1) / stride + 1; }
};

// input[h][w][c] (unpadded), weights[r][s][c][k]; returns out[p][q][k].
std::vector<std::int64_t> conv_golden(const ConvShape& sh, const std::vector<std::int64_t>& input,
                                      const std::vector<std::int64_t>& weights, int acc_width);

}  // namespace codesign::tb
