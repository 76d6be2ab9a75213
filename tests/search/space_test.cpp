#include "search/space.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace codesign::search {
namespace {

Space mixed_space() {
  Space s;
  s.add(Parameter::real("r", -1.0, 3.0))
      .add(Parameter::integer("i", 2, 9))
      .add(Parameter::log_integer("l", 1, 1000))
      .add(Parameter::power_of_two("p", 4, 256))
      .add(Parameter::ordinal("o", {1.0, 2.0, 5.0, 10.0}))
      .add(Parameter::categorical("c", {"ws", "os", "is"}));
  return s;
}

TEST(Space, RejectsMalformedParameters) {
  EXPECT_THROW(Parameter::real("x", 1.0, 1.0), std::invalid_argument);
  EXPECT_THROW(Parameter::integer("x", 3, 2), std::invalid_argument);
  EXPECT_THROW(Parameter::log_integer("x", 0, 8), std::invalid_argument);
  EXPECT_THROW(Parameter::power_of_two("x", 3, 8), std::invalid_argument);
  EXPECT_THROW(Parameter::ordinal("x", {1.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(Parameter::categorical("x", {"a", "a"}), std::invalid_argument);
  Space s;
  s.add(Parameter::integer("x", 0, 1));
  EXPECT_THROW(s.add(Parameter::integer("x", 0, 1)), std::invalid_argument);
}

TEST(Space, DescribesPointsByName) {
  Space s = mixed_space();
  EXPECT_EQ(s.describe({0.5, 3, 17, 64, 5, 2}), "r=0.5, i=3, l=17, p=64, o=5, c=is");
}

TEST(Space, SingleValuedParametersStayPut) {
  Space s;
  s.add(Parameter::ordinal("o", {4.0})).add(Parameter::integer("i", 2, 2));
  std::mt19937_64 rng(1);
  EXPECT_EQ(s.neighbour({4.0, 2}, rng, 0.5), (Point{4.0, 2}));
}

TEST(Space, SamplesAreLegalAndCoverEveryGrid) {
  Space s = mixed_space();
  std::mt19937_64 rng(3);
  std::set<double> powers, categories;
  for (int n = 0; n < 2000; ++n) {
    Point x = s.sample(rng);
    ASSERT_TRUE(s.contains(x)) << s.describe(x);
    powers.insert(x[3]);
    categories.insert(x[5]);
  }
  EXPECT_EQ(powers, (std::set<double>{4, 8, 16, 32, 64, 128, 256}));
  EXPECT_EQ(categories, (std::set<double>{0, 1, 2}));
}

TEST(Space, ContainsChecksGridAndBounds) {
  Space s = mixed_space();
  Point good{0.5, 3, 17, 64, 5, 2};
  EXPECT_TRUE(s.contains(good));
  auto bad = [&](std::size_t i, double v) {
    Point x = good;
    x[i] = v;
    return !s.contains(x);
  };
  EXPECT_TRUE(bad(0, 3.5));
  EXPECT_TRUE(bad(1, 3.5));
  EXPECT_TRUE(bad(3, 48));
  EXPECT_TRUE(bad(4, 3));
  EXPECT_TRUE(bad(5, 3));
  EXPECT_TRUE(bad(0, NAN));
  EXPECT_FALSE(s.contains(Point{0.5}));
}

TEST(Space, EncodingIsUnitLogAndOneHot) {
  Space s = mixed_space();
  Point x{3.0, 2, 10, 16, 5, 1};
  std::vector<double> z = s.encode(x);
  ASSERT_EQ(z.size(), 8u);
  EXPECT_DOUBLE_EQ(z[0], 1.0);
  EXPECT_DOUBLE_EQ(z[1], 0.0);
  EXPECT_NEAR(z[2], 1.0 / 3.0, 1e-12);  // log10(10) / log10(1000)
  EXPECT_NEAR(z[3], 2.0 / 6.0, 1e-12);  // 4 → 256 is six doublings
  EXPECT_NEAR(z[4], 2.0 / 3.0, 1e-12);  // rank 2 of 0..3
  EXPECT_EQ(std::vector<double>(z.begin() + 5, z.end()), (std::vector<double>{0, 1, 0}));
}

TEST(Space, NeighbourMovesAndStaysInTheBox) {
  Space s = mixed_space();
  std::mt19937_64 rng(5);
  Point x{0.0, 9, 1, 256, 10, 0};
  for (int n = 0; n < 500; ++n) {
    Point y = s.neighbour(x, rng, 0.01);
    ASSERT_TRUE(s.contains(y));
    ASSERT_NE(y, x) << "a local move must change the point";
  }
  EXPECT_THROW(s.neighbour(x, rng, 0.0), std::invalid_argument);
}

TEST(Space, SamplingHonoursKnownConstraints) {
  Space s = mixed_space();
  s.constrain([](const Point& x) { return x[1] + x[4] <= 6; });
  std::mt19937_64 rng(7);
  for (int n = 0; n < 500; ++n) {
    Point x = s.sample(rng);
    ASSERT_TRUE(s.feasible(x));
    ASSERT_LE(x[1] + x[4], 6);
  }
}

TEST(Space, RejectionSamplingFailsClearly) {
  Space s;
  s.add(Parameter::integer("x", 0, 10)).constrain([](const Point&) { return false; });
  s.with_max_rejections(100);
  std::mt19937_64 rng(1);
  try {
    s.sample(rng);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("with_sampler"), std::string::npos);
  }
}

TEST(Space, UsesAndChecksTheUsersSampler) {
  Space s;
  s.add(Parameter::integer("x", 0, 10)).constrain([](const Point& x) { return x[0] >= 5; });
  s.with_sampler([](std::mt19937_64&) { return Point{7}; });
  std::mt19937_64 rng(1);
  EXPECT_EQ(s.sample(rng), Point{7});
  s.with_sampler([](std::mt19937_64&) { return Point{2}; });
  EXPECT_THROW(s.sample(rng), std::runtime_error);
}

}  // namespace
}  // namespace codesign::search
