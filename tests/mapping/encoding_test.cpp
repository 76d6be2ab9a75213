#include "mapping/encoding.hpp"

#include <gtest/gtest.h>

using namespace codesign;
using namespace codesign::mapping;

namespace {

Mapspace space() {
  Layer l;
  l.name = "fc";
  l.n = 16;
  l.c = 300;
  l.k = 40;
  arch::BuildConfig b;
  b.rows = b.cols = 8;
  b.input = {1024, 2};
  b.weight = {1024, 2};
  b.accumulator = {2048, 2};
  return Mapspace(b, l);
}

}  // namespace

TEST(Encoding, RoundTripsSampledMappings) {
  const Mapspace s = space();
  const MappingEncoding e(s);
  ASSERT_EQ(e.params().size(), 35u);
  EXPECT_EQ(e.params()[3 + index(Dim::kC)].hi, 300);
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const Mapping m = s.sample(rng);
    const std::vector<double> x = e.encode(m);
    EXPECT_EQ(e.decode(x), m);
    EXPECT_TRUE(e.valid(x));
    EXPECT_TRUE(e.valid(e.sample(rng)));
  }
}

TEST(Encoding, DecodeClampsAndRounds) {
  const Mapspace s = space();
  const MappingEncoding e(s);
  std::vector<double> x(e.params().size(), 0.4);
  x[3 + index(Dim::kC)] = 1e9;
  const Mapping m = e.decode(x);
  EXPECT_EQ(m.compute_tile[index(Dim::kC)], 300);
  EXPECT_EQ(m.buffer_tile[index(Dim::kK)], 1);  // 0.4 rounds to 0, clamped to 1
  EXPECT_EQ(m.dram_order, kAllDims);            // equal priorities keep loop order
  EXPECT_FALSE(e.valid(x));                     // compute tile above the on-chip tile
}

TEST(Encoding, MarginalDistanceSeparatesSamplers) {
  const Mapspace s = space();
  const MappingEncoding e(s);
  std::mt19937_64 rng(2);
  std::vector<std::vector<double>> a, b, c;
  for (int i = 0; i < 500; ++i) {
    a.push_back(e.sample(rng));
    b.push_back(e.sample(rng));
    c.push_back(e.encode(s.sample_unconstrained(rng)));
  }
  EXPECT_LT(marginal_distance(e, a, b), 0.05);
  EXPECT_GT(marginal_distance(e, a, c), 0.1);
  EXPECT_NEAR(marginal_distance(e, a, a), 0.0, 1e-12);
}

TEST(Encoding, FeaturesDescribeTheMapping) {
  const Mapspace s = space();
  const MappingEncoding e(s);
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    const std::vector<double> x = e.sample(rng);
    const std::vector<double> f = e.features(x);
    ASSERT_EQ(f.size(), MappingEncoding::feature_names().size());
    EXPECT_GT(f[5], 0);  // array utilisation
    EXPECT_LE(f[5], 1);
    for (int b = 6; b < 9; ++b) EXPECT_LE(f[b], 1.0);  // valid: every tile fits
  }
  Mapping m;  // one 1x1x1 COMPUTE per point of the 16 x 40 x 300 loop nest
  m.dram_order = {Dim::kN, Dim::kG, Dim::kK, Dim::kP, Dim::kQ, Dim::kC, Dim::kR, Dim::kS};
  const std::vector<double> f = e.features(e.encode(m));
  EXPECT_NEAR(f[2], std::log2(16.0 * 40 * 300), 1e-9);
  EXPECT_NEAR(f[3], f[2], 1e-9);
  EXPECT_NEAR(f[5], 1.0 / 64, 1e-12);
}
