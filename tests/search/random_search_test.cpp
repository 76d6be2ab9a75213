#include "search/random_search.hpp"

#include <gtest/gtest.h>

#include "test_problem.hpp"

namespace codesign::search {
namespace {

TEST(RandomSearch, RespectsKnownConstraintsAndIsReproducible) {
  RandomSearch a(testing::mixed_problem_space(), 4), b(testing::mixed_problem_space(), 4);
  std::vector<Point> pa = a.ask(50), pb = b.ask(50);
  EXPECT_EQ(pa, pb);
  for (const Point& x : pa) EXPECT_LE(x[0] - x[1], 3.0);
}

}  // namespace
}  // namespace codesign::search
