// Randomised bit-exactness of the RTL: GEMMs and convolutions of random shapes and random
// tilings, both dataflows, with and without random DRAM stalls, across array shapes
// (square, non-square, non-power-of-two), data/accumulator widths and buffer geometries.
#include <gtest/gtest.h>

#include <random>

#include "rtl_cases.hpp"

namespace codesign::tests {
namespace {

using arch::Dataflow;

struct Variant {
  const char* name;
  int rows, cols, data_width, acc_width;
  bool os, ws;
  std::uint32_t in_bytes, in_banks, w_bytes, w_banks, acc_bytes, acc_banks;
};

arch::HwConfig hw_of(const Variant& v, std::mt19937& rng) {
  arch::HwConfig hw;
  hw.name = v.name;
  arch::BuildConfig& b = hw.build;
  b.rows = v.rows;
  b.cols = v.cols;
  b.data_width = v.data_width;
  b.acc_width = v.acc_width;
  b.output_stationary = v.os;
  b.weight_stationary = v.ws;
  b.input = {v.in_bytes, v.in_banks};
  b.weight = {v.w_bytes, v.w_banks};
  b.accumulator = {v.acc_bytes, v.acc_banks};
  hw.run.dram_bytes_per_cycle = std::uniform_int_distribution<int>(0, 1)(rng) ? 4.0 : 13.5;
  hw.run.dram_latency_cycles = std::uniform_int_distribution<int>(0, 40)(rng);
  arch::validate(b, v.name);
  return hw;
}

std::int64_t operand(std::mt19937& rng, int data_width) {
  // A quarter zeros, so zero-operand counting and masking are exercised.
  if (uniform(rng, 0, 3) == 0) return 0;
  const int lim = 1 << (data_width - 1);
  return uniform(rng, -lim, lim - 1);
}

tb::Tiling random_tiling(const arch::BuildConfig& b, Dataflow df, int m, int n, int k,
                         std::mt19937& rng) {
  tb::Tiling t;
  t.dataflow = df;
  t.tn = uniform(rng, 1, std::min(b.cols, n));
  if (df == Dataflow::kOutputStationary) {
    t.tm = uniform(rng, 1, std::min(b.rows, m));
    t.tk = uniform(rng, 1, std::min({k, b.input_entries(), b.weight_entries()}));
  } else {
    t.tk = uniform(rng, 1, std::min(b.rows, k));
    t.tm = uniform(rng, 1, std::min({m, b.input_entries(), b.acc_entries()}));
  }
  return t;
}

std::vector<RtlCase> random_cases(const arch::BuildConfig& b, int count, std::mt19937& rng) {
  std::vector<RtlCase> cases;
  for (int i = 0; i < count; ++i) {
    Dataflow df = (b.output_stationary && (!b.weight_stationary || i % 2 == 0))
                      ? Dataflow::kOutputStationary
                      : Dataflow::kWeightStationary;
    RtlCase c;
    c.stall_probability = (i % 3 == 2) ? 0.25 : 0.0;
    if (i % 4 != 3) {  // GEMM
      const int m = uniform(rng, 1, 3 * b.rows + 2), n = uniform(rng, 1, 2 * b.cols + 3),
                k = uniform(rng, 1, 40);
      tb::IntMatrix a(m, k), w(k, n);
      for (auto& x : a.reshaped()) x = operand(rng, b.data_width);
      for (auto& x : w.reshaped()) x = operand(rng, b.data_width);
      const tb::Tiling t = random_tiling(b, df, m, n, k, rng);
      c.name = "gemm " + std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k) +
               " " + arch::to_string(df) + " tile " + std::to_string(t.tm) + "x" +
               std::to_string(t.tn) + "x" + std::to_string(t.tk);
      c.program = tb::build_gemm(b, a, w, t);
      const tb::IntMatrix out = tb::gemm_golden(a, w, b.acc_width);
      c.expected.assign(out.data(), out.data() + out.size());
    } else {  // convolution: 1x1 or 3x3, stride 1-2, padding 0-1, sometimes dilated
      tb::ConvShape sh;
      const bool pointwise = uniform(rng, 0, 2) == 0;
      sh.r = sh.s = pointwise ? 1 : 3;
      sh.pad = pointwise ? 0 : uniform(rng, 0, 1);
      sh.stride = uniform(rng, 1, 2);
      sh.dilation = pointwise ? 1 : uniform(rng, 1, 4) == 4 ? 2 : 1;
      sh.h = uniform(rng, 5, 9);
      sh.w = uniform(rng, 5, 9);
      sh.c = uniform(rng, 1, 2 * b.rows + 1);
      sh.k = uniform(rng, 1, 2 * b.cols + 1);
      std::vector<std::int64_t> in(std::size_t(sh.h) * sh.w * sh.c),
          wt(std::size_t(sh.r) * sh.s * sh.c * sh.k);
      for (auto& x : in) x = operand(rng, b.data_width);
      for (auto& x : wt) x = operand(rng, b.data_width);
      const tb::Tiling t = random_tiling(b, df, sh.q(), sh.k, sh.c, rng);
      c.name = "conv " + std::to_string(sh.r) + "x" + std::to_string(sh.s) + "/" +
               std::to_string(sh.stride) + " pad " + std::to_string(sh.pad) + " dil " +
               std::to_string(sh.dilation) + " " + std::to_string(sh.h) + "x" +
               std::to_string(sh.w) + "x" + std::to_string(sh.c) + "->" + std::to_string(sh.k) +
               " " + arch::to_string(df);
      c.program = tb::build_conv(b, sh, in, wt, t);
      c.expected = tb::conv_golden(sh, in, wt, b.acc_width);
    }
    c.name += c.stall_probability > 0 ? " (stalls)" : "";
    cases.push_back(std::move(c));
  }
  return cases;
}

class RtlRandom : public ::testing::TestWithParam<Variant> {};

TEST_P(RtlRandom, EveryOutputMatchesTheGoldenModel) {
  std::mt19937 rng(1234 + GetParam().rows * 64 + GetParam().cols);
  const arch::HwConfig hw = hw_of(GetParam(), rng);
  const auto cases = random_cases(hw.build, 45, rng);
  const systemc::RtlRun run = run_and_check(hw, cases);
  ASSERT_EQ(run.jobs.size(), cases.size());
  for (const auto& j : run.jobs) {
    EXPECT_GT(j.counts.macs, 0u);
    EXPECT_GT(j.counts.cycles, j.counts.idle_cycles);
  }
}

// Square, non-square, non-power-of-two and degenerate arrays; 8/16-bit data; 16/24/32-bit
// sums (16 wraps often); 1-4 banks; one or both dataflows.
const Variant kVariants[] = {
    {"a4x4", 4, 4, 8, 32, true, true, 1024, 2, 1024, 2, 4096, 2},
    {"a3x5", 3, 5, 8, 24, true, true, 384, 1, 640, 1, 2400, 1},
    {"a7x2", 7, 2, 16, 32, true, true, 2048, 4, 512, 4, 1024, 4},
    {"a8x8os", 8, 8, 8, 32, true, false, 1024, 2, 1024, 2, 8192, 2},
    {"a1x6ws", 1, 6, 8, 16, false, true, 256, 1, 192, 1, 1536, 2},
    {"a12x10", 12, 10, 8, 32, true, true, 4096, 2, 4096, 2, 16000, 2},
};

INSTANTIATE_TEST_SUITE_P(Variants, RtlRandom, ::testing::ValuesIn(kVariants),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace codesign::tests
