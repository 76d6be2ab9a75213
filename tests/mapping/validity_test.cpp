#include "mapping/validity.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

arch::BuildConfig build() {
  arch::BuildConfig b;
  b.rows = 4;
  b.cols = 4;
  b.input = {4 * 64, 2};         // 64 vectors
  b.weight = {4 * 64, 2};        // 64 vectors
  b.accumulator = {16 * 32, 2};  // 32 vectors
  return b;
}

Layer validity_conv() {
  Layer l;
  l.name = "conv";
  l.c = 8;
  l.k = 8;
  l.h = l.w = 6;
  l.r = l.s = 3;
  l.padding = 1;
  return l;
}

// Output-stationary: 4 pixels of a row x 4 channels per COMPUTE, all of C, R, S streamed.
Mapping os_mapping() {
  Mapping m;
  m.row_dim = Dim::kQ;
  m.compute_tile = {1, 1, 4, 2, 1, 4, 3, 1};
  m.buffer_tile = m.compute_tile;
  m.dram_order = {Dim::kN, Dim::kG, Dim::kK, Dim::kP, Dim::kQ, Dim::kC, Dim::kR, Dim::kS};
  return m;
}

}  // namespace

TEST(Validity, AcceptsAValidMapping) {
  EXPECT_EQ(check_mapping(build(), validity_conv(), os_mapping()), "");
}

TEST(Validity, NamesEveryKindOfViolation) {
  const arch::BuildConfig b = build();
  const Layer l = validity_conv();
  auto reason = [&](auto change) {
    Mapping m = os_mapping();
    arch::BuildConfig bb = b;
    change(m, bb);
    return check_mapping(bb, l, m);
  };
  auto has = [](const std::string& s, const char* what) {
    return s.find(what) != std::string::npos;
  };
  EXPECT_TRUE(has(reason([](Mapping&, arch::BuildConfig& x) { x.output_stationary = false; }),
                  "not built"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) { m.row_dim = Dim::kK; }), "row_dim"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) { m.col_dim = Dim::kC; }), "col_dim"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) { m.buffer_tile[2] = 9; }),
                  "buffer_tile[K] = 9 must be in [1, 8]"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) { m.compute_tile[4] = 2; }),
                  "compute_tile[P]"));  // P is neither spatial nor streamed under OS
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig& x) {
                    m.buffer_tile[5] = m.compute_tile[5] = 6;
                    x.rows = 4;
                  }),
                  "exceeds the array's 4 rows"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) {
                    m.dram_order = {Dim::kC, Dim::kN, Dim::kG, Dim::kK,
                                    Dim::kP, Dim::kQ, Dim::kR, Dim::kS};
                  }),
                  "partial sums"));
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) { m.dram_order[0] = Dim::kK; }),
                  "permutation"));
  // Input tile: C 8 x R 3 x S 3 = 72 vectors > 64.
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) {
                    m.buffer_tile[3] = m.compute_tile[3] = 8;
                    m.buffer_tile[7] = m.compute_tile[7] = 3;
                  }),
                  "capacity: the input tile needs 72 vectors, the buffer has 64"));
  // Double buffering halves the accumulator: 6 x 6 pixels in blocks of 4 along Q -> 12 x 4
  // = 48 vectors... use P = 6, Q = 6 on chip: 6 * 2 blocks * 4 = 48 > 32 / 2.
  EXPECT_TRUE(has(reason([](Mapping& m, arch::BuildConfig&) {
                    m.buffer_tile[4] = 6;
                    m.buffer_tile[5] = 6;
                    m.double_buffer = true;
                  }),
                  "per half (double buffering)"));
}

TEST(Validity, ChecksIsaFieldLimits) {
  arch::BuildConfig b = build();
  b.input = {4 * 65536, 2};
  b.weight = {4 * 65536, 2};
  Layer l = validity_conv();
  l.c = 8192;
  l.r = l.s = 3;
  Mapping m = os_mapping();
  m.buffer_tile[3] = m.compute_tile[3] = 8192;  // k = 8192 * 3 * 3 > 65535
  m.buffer_tile[7] = m.compute_tile[7] = 3;
  EXPECT_NE(check_mapping(b, l, m).find("more than 65535"), std::string::npos);
  // Lanes along N are a whole padded image apart: 8 * 8 * 8192 bytes > elem_stride.
  Layer big = validity_conv();
  big.n = 4;
  big.c = 8192;
  Mapping n_rows = os_mapping();
  n_rows.row_dim = Dim::kN;
  n_rows.compute_tile[5] = n_rows.buffer_tile[5] = 1;
  n_rows.compute_tile[0] = n_rows.buffer_tile[0] = 2;
  EXPECT_NE(check_mapping(b, big, n_rows).find("elem_stride"), std::string::npos);
}

TEST(Validity, RequireValidThrowsConfigErrorWithPath) {
  Mapping m = os_mapping();
  m.buffer_tile[0] = 0;
  try {
    require_valid(build(), validity_conv(), m, "net.json: layers[3]");
    FAIL();
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("net.json: layers[3]: buffer_tile[N] = 0"),
              std::string::npos);
  }
}
