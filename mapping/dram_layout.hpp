// Where a layer's tensors live in DRAM and how the host lays them out (byte addresses,
// elements little-endian two's complement as in arch/isa.hpp):
//   input   [N][H + 2*padding][W + 2*padding][C] of data_width bits, stored pre-padded
//           (the padding is zeros written by the host); channel = group * C/G + c;
//   weights [G][R][S][C/G][K/G] of data_width bits;
//   outputs [N][P][Q][K] of acc_width bits, channel = group * K/G + k; full sums, no
//           requantisation.
// A matmul (batch B, A: M x Kd, B: Kd x Nd) is input[0][m][0][b*Kd + j] = A_b[m][j],
// weight[b][0][0][j][n] = B_b[j][n], output[0][m][0][b*Nd + n]; an fc layer is input
// [batch][0][0][in], weight[0][0][0][in][out], output [batch][0][0][out].
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

struct DramLayout {
  int data_bytes = 1, acc_bytes = 4;
  std::uint64_t input_addr = 0, input_bytes = 0;
  std::uint64_t weight_addr = 0, weight_bytes = 0;
  std::uint64_t output_addr = 0, output_bytes = 0;
  std::uint64_t total_bytes = 0;

  // Byte addresses of one element; h and w are padded coordinates, ch counts all groups.
  std::uint64_t input(int n, int h, int w, int ch) const;
  std::uint64_t weight(int g, int r, int s, int c, int k) const;
  std::uint64_t output(int n, int p, int q, int ch) const;
  // Distance in bytes between inputs of neighbouring output pixels along N, P or Q.
  std::uint64_t input_pixel_step(Dim d) const;
  // Distance in bytes between outputs of neighbouring pixels along N, P or Q.
  std::uint64_t output_pixel_step(Dim d) const;
  // How the lanes of an input vector wrap under a flattened mapping (mapping.hpp, the ISA's
  // LOAD wrap): rows of `len` lanes, elem_stride bytes apart, rows wrap_stride apart.
  //   OS: lanes over output pixels, a row per output row;
  //   WS: lanes over (r, s, c), a row per filter row (one group) or per filter row of one
  //       channel (C/G = 1).
  struct Wrap {
    std::uint32_t len = 0;
    std::uint64_t elem_stride = 0, wrap_stride = 0;
  };
  Wrap input_wrap(arch::Dataflow df) const;

  // Shape, kept to compute addresses.
  int n = 1, groups = 1, hp = 1, wp = 1, c = 1, k = 1, cg = 1, kg = 1, r = 1, s = 1, p = 1, q = 1;
  int stride = 1, dilation = 1;
};

// Input, weights and outputs one after the other, each region 64-byte aligned.
DramLayout dram_layout_of(const arch::BuildConfig& b, const Layer& l);
// For hosts outside this code base: each region's address, bytes, element bytes and shape.
nlohmann::json to_json(const DramLayout& d);

}  // namespace codesign::mapping
