#include "search/candidate_search.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace codesign::search {
namespace {

std::vector<Score> distance_to(const std::vector<Point>& points, double a, double b) {
  std::vector<Score> scores;
  for (const Point& x : points) scores.push_back({1, -std::hypot(x[0] - a, x[1] - b)});
  return scores;
}

TEST(CandidateSearch, FindsTheBestFeasiblePointAndSkipsExcludedOnes) {
  Space s;
  s.add(Parameter::real("x", 0, 1)).add(Parameter::real("y", 0, 1));
  // The unconstrained optimum (0.9, 0.9) is infeasible: the answer lies on x + y = 1.
  s.constrain([](const Point& x) { return x[0] + x[1] <= 1.0; });
  std::mt19937_64 rng(1);
  int scored = 0;
  auto score = [&](const std::vector<Point>& points) {
    for (const Point& x : points) EXPECT_TRUE(s.feasible(x)) << "infeasible candidate scored";
    scored += int(points.size());
    return distance_to(points, 0.9, 0.9);
  };
  auto skip = [](const Point& x) { return x[0] > 0.45 && x[0] < 0.55; };
  std::optional<Point> best = maximize_acquisition(s, score, {{0.1, 0.1}}, skip, {}, rng);
  ASSERT_TRUE(best);
  EXPECT_TRUE(s.feasible(*best));
  EXPECT_FALSE(skip(*best));
  EXPECT_NEAR((*best)[0] + (*best)[1], 1.0, 0.02);
  EXPECT_GT(scored, 1000);
}

TEST(CandidateSearch, ReturnsNothingWhenEveryPointIsSkipped) {
  Space s;
  s.add(Parameter::integer("x", 0, 3));
  std::mt19937_64 rng(1);
  auto score = [](const std::vector<Point>& points) {
    return std::vector<Score>(points.size(), Score{1, 0.0});
  };
  EXPECT_FALSE(maximize_acquisition(
      s, score, {}, [](const Point&) { return true; }, {}, rng));
}

}  // namespace
}  // namespace codesign::search
