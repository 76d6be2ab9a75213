// Programs for the foundation testbenches: a GEMM or a direct convolution tiled in the
// simplest way (one tile at a time, SYNC between load, compute and store), in either
// dataflow, with edge tiles. DRAM holds A|B|C (GEMM) or padded input NHWC|weights RSCK|
// output PQK, each region 64-byte aligned; outputs are acc_width-bit little-endian.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "tb/golden.hpp"

namespace codesign::tb {

// Tile sizes. GEMM: tm rows of C, tn columns, tk of the reduction. Convolution: tm output
// pixels of one output row, tn output channels, tk input channels.
struct Tiling {
  arch::Dataflow dataflow = arch::Dataflow::kOutputStationary;
  int tm = 1, tn = 1, tk = 1;
};

struct TestProgram {
  arch::Program program;
  std::vector<std::uint8_t> dram;
  std::uint32_t out_addr = 0;
  std::uint32_t out_bytes = 0;
};

// Throws std::invalid_argument naming the tile size ("m = 20: expected in [1, 16] (array
// rows)") if the tiling does not fit the hardware.
void check_tiling(const arch::BuildConfig& b, const Tiling& t);

// Both throw like check_tiling.
TestProgram build_gemm(const arch::BuildConfig& b, const IntMatrix& a, const IntMatrix& w,
                       const Tiling& t);
TestProgram build_conv(const arch::BuildConfig& b, const ConvShape& sh,
                       const std::vector<std::int64_t>& input,
                       const std::vector<std::int64_t>& weights, const Tiling& t);

// Decodes acc_width-bit little-endian outputs.
std::vector<std::int64_t> decode_outputs(const std::vector<std::uint8_t>& bytes, int acc_width);

// Every output compared with the golden model.
struct OutputCheck {
  std::size_t outputs = 0;
  std::size_t mismatches = 0;  // a size mismatch counts every expected output
  std::size_t first = 0;       // index of the first mismatch
  std::int64_t got = 0, want = 0;
  bool exact() const { return mismatches == 0; }
  std::string describe() const;
};
OutputCheck check_outputs(const std::vector<std::uint8_t>& bytes, int acc_width,
                          const std::vector<std::int64_t>& expected);

}  // namespace codesign::tb
