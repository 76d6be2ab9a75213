#include "search/bayesian_optimizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "search/random_search.hpp"
#include "test_problem.hpp"

namespace codesign::search {
namespace {

using testing::evaluate_mixed_problem;
using testing::mixed_problem_space;

BoOptions fast_options(std::uint64_t seed) {
  BoOptions o;
  o.seed = seed;
  o.warmup = 8;
  o.candidates.samples = 300;
  o.candidates.local_moves = 100;
  return o;
}

// Runs `budget` evaluations and returns every point asked for, in order.
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

double best_value(const Optimizer& opt) {
  return opt.best() ? opt.best()->observation.objective : INFINITY;
}

TEST(BayesianOptimizer, NeverProposesAKnownInfeasiblePoint) {
  BayesianOptimizer bo(mixed_problem_space(), fast_options(11));
  for (const Point& x : run(bo, 24, 3)) {
    ASSERT_LE(x[0] - x[1], 3.0) << bo.space().describe(x);
    ASSERT_TRUE(bo.space().contains(x));
  }
}

TEST(BayesianOptimizer, UsesTheConstructiveSamplerWhereRejectionFails) {
  // Σx ≤ 0.05 over [0,1]⁶: about one box sample in 10¹¹ is feasible.
  Space s;
  for (int i = 0; i < 6; ++i) s.add(Parameter::real("x" + std::to_string(i), 0, 1));
  auto sum = [](const Point& x) { return std::accumulate(x.begin(), x.end(), 0.0); };
  s.constrain([&](const Point& x) { return sum(x) <= 0.05; }).with_max_rejections(1000);
  std::mt19937_64 probe(1);
  EXPECT_THROW(s.sample(probe), std::runtime_error);
  s.with_sampler([](std::mt19937_64& rng) {
    std::uniform_real_distribution<double> share(0.0, 0.05 / 6);
    Point x(6);
    for (double& v : x) v = share(rng);
    return x;
  });
  BayesianOptimizer bo(s, fast_options(2));
  for (int i = 0; i < 15; ++i) {
    for (const Point& x : bo.ask(2)) {
      ASSERT_LE(sum(x), 0.05);
      bo.tell(x, Observation::success(std::pow(x[0] - 0.03, 2) + x[1]));
    }
  }
}

TEST(BayesianOptimizer, KeepsProposingOnceASmallSpaceIsExhausted) {
  Space s;
  s.add(Parameter::integer("x", 0, 3)).add(Parameter::categorical("c", {"a", "b"}));
  BoOptions o = fast_options(1);
  o.warmup = 3;
  BayesianOptimizer bo(s, o);
  std::set<Point> distinct;
  for (int i = 0; i < 12; ++i) {
    Point x = bo.ask(1).front();
    distinct.insert(x);
    bo.tell(x, Observation::success(x[0] + x[1]));
  }
  EXPECT_EQ(distinct.size(), 8u) << "all eight points get tried, then repeats are allowed";
}

TEST(BayesianOptimizer, SameSeedSameProposals) {
  BayesianOptimizer a(mixed_problem_space(), fast_options(7));
  BayesianOptimizer b(mixed_problem_space(), fast_options(7));
  BayesianOptimizer c(mixed_problem_space(), fast_options(8));
  std::vector<Point> pa = run(a, 14, 2), pb = run(b, 14, 2), pc = run(c, 14, 2);
  EXPECT_EQ(pa, pb);
  EXPECT_NE(pa, pc);
}

TEST(BayesianOptimizer, BatchesAndPendingPointsAreDistinct) {
  BayesianOptimizer bo(mixed_problem_space(), fast_options(3));
  run(bo, 10, 5);
  std::vector<Point> first = bo.ask(3), second = bo.ask(3);
  std::set<Point> all(first.begin(), first.end());
  all.insert(second.begin(), second.end());
  for (const Trial& t : bo.trials()) all.insert(t.x);
  EXPECT_EQ(all.size(), 16u) << "a proposal repeats a told or pending point";
}

TEST(BayesianOptimizer, LearnsToAvoidCrashes) {
  // Half the space crashes, and the objective does not depend on n: only the feasibility
  // model can tell the two halves apart.
  BayesianOptimizer bo(mixed_problem_space(), fast_options(5));
  auto crashes = [](const Point& x) { return x[2] > 15; };
  int late_crashes = 0;
  for (int i = 0; i < 40; ++i) {
    Point x = bo.ask(1).front();
    if (i >= 20 && crashes(x)) ++late_crashes;
    double value = std::pow(x[0] - 1.5, 2) + std::pow(x[1] + 2, 2);
    bo.tell(x, crashes(x) ? Observation::failure() : Observation::success(value));
  }
  EXPECT_LE(late_crashes, 3) << "random points would crash half the time";
}

TEST(BayesianOptimizer, LearnsFromABoundedSubsetOfManyTrials) {
  // 200 random trials, of which the models see at most 40 at a time: they still steer the
  // search away from the crashing half and below the best random value.
  BoOptions o = fast_options(5);
  o.warmup = 200;
  o.model_data.max_size = 40;
  BayesianOptimizer bo(mixed_problem_space(), o);
  auto crashes = [](const Point& x) { return x[2] > 15; };
  auto evaluate = [&](const Point& x) {
    double value = std::pow(x[0] - 1.5, 2) + std::pow(x[1] + 2, 2);
    return crashes(x) ? Observation::failure() : Observation::success(value);
  };
  while (bo.trials().size() < o.warmup) {
    Point x = bo.ask(1).front();
    bo.tell(x, evaluate(x));
  }
  const double random_best = best_value(bo);
  int crashed = 0;
  for (int i = 0; i < 20; ++i) {
    Point x = bo.ask(1).front();
    crashed += crashes(x);
    bo.tell(x, evaluate(x));
  }
  EXPECT_LE(crashed, 3) << "random points would crash half the time";
  EXPECT_LT(best_value(bo), random_best);
}

TEST(BayesianOptimizer, BeatsRandomSearchAtEqualBudget) {
  std::vector<double> bo_best, random_best;
  for (std::uint64_t seed : {1, 2, 3}) {
    BayesianOptimizer bo(mixed_problem_space(), fast_options(seed));
    RandomSearch rs(mixed_problem_space(), seed);
    run(bo, 40, 1);
    run(rs, 40, 1);
    bo_best.push_back(best_value(bo));
    random_best.push_back(best_value(rs));
  }
  std::sort(bo_best.begin(), bo_best.end());
  std::sort(random_best.begin(), random_best.end());
  // Median and worst both: generous, yet a model that learnt nothing fails.
  EXPECT_LT(bo_best[1], 0.5 * random_best[1]);
  EXPECT_LT(bo_best[2], random_best[2]);
}

TEST(BayesianOptimizer, UsesTheFeatureMap) {
  BoOptions o = fast_options(1);
  int calls = 0;
  o.features = [&](const Point& x) {
    ++calls;
    return std::vector<double>{x[0], x[1], x[2], std::log2(x[3]), x[4] == 2 ? 1.0 : 0.0};
  };
  BayesianOptimizer bo(mixed_problem_space(), o);
  run(bo, 10, 1);
  EXPECT_GT(calls, 0);
  o.features = [](const Point& x) { return std::vector<double>(x[2] > 10 ? 2 : 3, 0.0); };
  BayesianOptimizer bad(mixed_problem_space(), o);
  EXPECT_THROW(run(bad, 20, 1), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
