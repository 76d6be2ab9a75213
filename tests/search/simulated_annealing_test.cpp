#include "search/simulated_annealing.hpp"

#include <gtest/gtest.h>

#include "search/random_search.hpp"
#include "test_problem.hpp"

namespace codesign::search {
namespace {

using testing::evaluate_mixed_problem;
using testing::mixed_problem_space;

std::vector<Point> run(Optimizer& opt, std::size_t budget, std::size_t batch) {
  std::vector<Point> asked;
  while (asked.size() < budget) {
    for (const Point& x : opt.ask(batch)) {
      asked.push_back(x);
      opt.tell(x, evaluate_mixed_problem(x));
    }
  }
  return asked;
}

SaOptions with_seed(std::uint64_t seed) {
  SaOptions o;
  o.seed = seed;
  return o;
}

TEST(SimulatedAnnealing, RespectsKnownConstraintsAndIsReproducible) {
  SimulatedAnnealing a(mixed_problem_space(), with_seed(2)), b(mixed_problem_space(), with_seed(2));
  std::vector<Point> pa = run(a, 200, 4), pb = run(b, 200, 4);
  EXPECT_EQ(pa, pb);
  for (const Point& x : pa) ASSERT_LE(x[0] - x[1], 3.0);
}

TEST(SimulatedAnnealing, ImprovesOnRandomSearch) {
  double ours = 0.0, random = 0.0;
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    SimulatedAnnealing opt(mixed_problem_space(), with_seed(seed));
    RandomSearch rs(mixed_problem_space(), seed);
    run(opt, 300, 1);
    run(rs, 300, 1);
    ours += opt.best()->observation.objective;
    random += rs.best()->observation.objective;
  }
  EXPECT_LT(ours, random);
}

}  // namespace
}  // namespace codesign::search
