// Every optimiser (BO, random, GA, SA) against the ask/tell contract: known constraints never
// proposed, batches and pending points distinct, failures told and learnt from, the same
// proposals for the same seed; and the baselines beating random search (BO's stronger claim
// is in bayesian_optimizer_test.cpp).
#include <gtest/gtest.h>

#include <numeric>
#include <set>
#include <string>

#include "search/make_optimizer.hpp"
#include "test_problem.hpp"

namespace codesign::search {
namespace {

using testing::mixed_problem_space;
using testing::run;
using testing::with_seed;

struct Case {
  std::string name;
  OptimizerOptions options;
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

const Case kBo{"BayesianOptimizer", testing::fast_bo_options()};
const Case kRandom{"RandomSearch", RandomOptions{}};
const Case kGa{"GeneticAlgorithm", GaOptions{}};
const Case kSa{"SimulatedAnnealing", SaOptions{}};

class OptimizerContract : public ::testing::TestWithParam<Case> {
 protected:
  std::unique_ptr<Optimizer> make(Space space, std::uint64_t seed = 1) const {
    return make_optimizer(std::move(space), with_seed(GetParam().options, seed));
  }
};

TEST_P(OptimizerContract, NeverProposesAKnownInfeasiblePoint) {
  auto opt = make(mixed_problem_space(), 11);
  for (const Point& x : run(*opt, 30, 3)) {
    ASSERT_TRUE(opt->space().feasible(x)) << opt->space().describe(x);
    ASSERT_LE(x[0] - x[1], 3.0);
  }
}

TEST_P(OptimizerContract, UsesTheConstructiveSamplerWhereRejectionFails) {
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
  auto opt = make(s, 2);
  for (int i = 0; i < 15; ++i) {
    for (const Point& x : opt->ask(2)) {
      ASSERT_LE(sum(x), 0.05);
      opt->tell(x, Observation::success(std::pow(x[0] - 0.03, 2) + x[1]));
    }
  }
}

TEST_P(OptimizerContract, BatchesAndPendingPointsAreDistinct) {
  auto opt = make(mixed_problem_space(), 3);
  run(*opt, 24, 4);
  // Two batches asked for and not yet told: neither repeats the other or a told point.
  std::vector<Point> first = opt->ask(3), second = opt->ask(3);
  std::set<Point> all(first.begin(), first.end());
  all.insert(second.begin(), second.end());
  for (const Trial& t : opt->trials()) all.insert(t.x);
  EXPECT_EQ(all.size(), 30u) << "a proposal repeats a told or pending point";
}

TEST_P(OptimizerContract, KeepsProposingOnceASmallSpaceIsExhausted) {
  Space s;
  s.add(Parameter::integer("x", 0, 3)).add(Parameter::categorical("c", {"a", "b"}));
  auto opt = make(s, 1);
  std::set<Point> distinct;
  for (int i = 0; i < 24; ++i) {
    Point x = opt->ask(1).front();
    ASSERT_TRUE(s.feasible(x));
    distinct.insert(x);
    opt->tell(x, Observation::success(x[0] + x[1]));
  }
  EXPECT_EQ(distinct.size(), 8u) << "all eight points get tried, then repeats are allowed";
}

TEST_P(OptimizerContract, TakesFailuresAndInfeasibleOutcomes) {
  auto opt = make(mixed_problem_space(), 5);
  // Nothing but failures at first: the optimiser must keep proposing.
  for (int i = 0; i < 12; ++i) {
    for (const Point& x : opt->ask(2)) opt->tell(x, Observation::failure());
  }
  EXPECT_EQ(opt->best(), nullptr);
  // Then outcomes of every kind, margins included, and a point it never proposed.
  int k = 0;
  for (int i = 0; i < 12; ++i) {
    for (const Point& x : opt->ask(2)) {
      const double value = testing::crashes(x) ? 5.0 : testing::evaluate_mixed_problem(x).objective;
      switch (k++ % 3) {
        case 0:
          opt->tell(x, Observation::failure());
          break;
        case 1:
          opt->tell(x, Observation::with_constraints(value, {value - 20}));
          break;
        default:
          opt->tell(x, Observation::infeasible(1.0));
      }
    }
  }
  opt->tell({0, 0, 10, 8, 2}, Observation::with_constraints(3.0, {-1.0}));
  EXPECT_EQ(opt->trials().size(), 49u);
  ASSERT_NE(opt->best(), nullptr);
  EXPECT_TRUE(opt->best()->observation.feasible);
  for (const Point& x : opt->ask(3)) EXPECT_TRUE(opt->space().feasible(x));
}

TEST_P(OptimizerContract, SameSeedSameProposals) {
  auto a = make(mixed_problem_space(), 7), b = make(mixed_problem_space(), 7);
  auto c = make(mixed_problem_space(), 8);
  std::vector<Point> pa = run(*a, 24, 2), pb = run(*b, 24, 2), pc = run(*c, 24, 2);
  EXPECT_EQ(pa, pb);
  EXPECT_NE(pa, pc);
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerContract,
                         ::testing::Values(kBo, kRandom, kGa, kSa), case_name);

// Summed best values over five seeds, against random search's at the same budget.
class BeatsRandomSearch : public ::testing::TestWithParam<Case> {};

TEST_P(BeatsRandomSearch, AtEqualBudget) {
  const std::size_t budget = 300;
  double ours = 0.0, random = 0.0;
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    auto opt = make_optimizer(mixed_problem_space(), with_seed(GetParam().options, seed));
    auto rs = make_optimizer(mixed_problem_space(), RandomOptions{seed});
    run(*opt, budget, 1);
    run(*rs, budget, 1);
    ours += testing::best_value(*opt);
    random += testing::best_value(*rs);
  }
  EXPECT_LT(ours, random);
}

INSTANTIATE_TEST_SUITE_P(Baselines, BeatsRandomSearch, ::testing::Values(kGa, kSa), case_name);

}  // namespace
}  // namespace codesign::search
