#include "search/bayesian_optimizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "test_problem.hpp"

namespace codesign::search {
namespace {

using testing::best_value;
using testing::fast_bo_options;
using testing::mixed_problem_space;
using testing::run;

TEST(BayesianOptimizer, LearnsToAvoidCrashes) {
  // Half the space crashes, and the objective does not depend on n: only the feasibility
  // model can tell the two halves apart.
  auto bo = make_optimizer(mixed_problem_space(), fast_bo_options(5));
  auto crashes = [](const Point& x) { return x[2] > 15; };
  int late_crashes = 0;
  for (int i = 0; i < 40; ++i) {
    Point x = bo->ask(1).front();
    if (i >= 20 && crashes(x)) ++late_crashes;
    double value = std::pow(x[0] - 1.5, 2) + std::pow(x[1] + 2, 2);
    bo->tell(x, crashes(x) ? Observation::failure() : Observation::success(value));
  }
  EXPECT_LE(late_crashes, 3) << "random points would crash half the time";
}

TEST(BayesianOptimizer, LearnsFromABoundedSubsetOfManyTrials) {
  // 200 random trials, of which the models see at most 40 at a time: they still steer the
  // search away from the crashing half and below the best random value.
  BoOptions o = fast_bo_options(5);
  o.warmup = 200;
  o.model_data.max_size = 40;
  auto bo = make_optimizer(mixed_problem_space(), o);
  auto crashes = [](const Point& x) { return x[2] > 15; };
  auto evaluate = [&](const Point& x) {
    double value = std::pow(x[0] - 1.5, 2) + std::pow(x[1] + 2, 2);
    return crashes(x) ? Observation::failure() : Observation::success(value);
  };
  while (bo->trials().size() < o.warmup) {
    Point x = bo->ask(1).front();
    bo->tell(x, evaluate(x));
  }
  const double random_best = best_value(*bo);
  int crashed = 0;
  for (int i = 0; i < 20; ++i) {
    Point x = bo->ask(1).front();
    crashed += crashes(x);
    bo->tell(x, evaluate(x));
  }
  EXPECT_LE(crashed, 3) << "random points would crash half the time";
  EXPECT_LT(best_value(*bo), random_best);
}

// BO with one of its parts swapped for another.
struct Parts {
  std::string name;
  KernelType kernel = KernelType::kMatern52;
  AcquisitionType acquisition = AcquisitionType::kExpectedImprovement;
  MeanType mean = MeanType::kData;
};

class BayesianOptimizerParts : public ::testing::TestWithParam<Parts> {};

TEST_P(BayesianOptimizerParts, BeatsRandomSearchAtEqualBudget) {
  std::vector<double> bo_best, random_best;
  for (std::uint64_t seed : {1, 2, 3}) {
    BoOptions o = fast_bo_options(seed);
    o.objective_model.kernel = GetParam().kernel;
    o.objective_model.mean.type = GetParam().mean;
    o.acquisition.type = GetParam().acquisition;
    auto bo = make_optimizer(mixed_problem_space(), o);
    auto rs = make_optimizer(mixed_problem_space(), RandomOptions{seed});
    run(*bo, 40, 1);
    run(*rs, 40, 1);
    bo_best.push_back(best_value(*bo));
    random_best.push_back(best_value(*rs));
  }
  std::sort(bo_best.begin(), bo_best.end());
  std::sort(random_best.begin(), random_best.end());
  // Median and worst both: generous, yet a model that learnt nothing fails.
  EXPECT_LT(bo_best[1], 0.5 * random_best[1]);
  EXPECT_LT(bo_best[2], random_best[2]);
}

INSTANTIATE_TEST_SUITE_P(
    EachPart, BayesianOptimizerParts,
    ::testing::Values(Parts{"Default"}, Parts{"Matern32", KernelType::kMatern32},
                      Parts{"SquaredExponential", KernelType::kSquaredExponential},
                      Parts{"ProbabilityOfImprovement", KernelType::kMatern52,
                            AcquisitionType::kProbabilityOfImprovement},
                      Parts{"LowerConfidenceBound", KernelType::kMatern52,
                            AcquisitionType::kLowerConfidenceBound},
                      Parts{"ZeroMean", KernelType::kMatern52,
                            AcquisitionType::kExpectedImprovement, MeanType::kZero}),
    [](const auto& info) { return info.param.name; });

TEST(BayesianOptimizer, UsesTheFeatureMap) {
  BoOptions o = fast_bo_options(1);
  int calls = 0;
  o.features = [&](const Point& x) {
    ++calls;
    return std::vector<double>{x[0], x[1], x[2], std::log2(x[3]), x[4] == 2 ? 1.0 : 0.0};
  };
  auto bo = make_optimizer(mixed_problem_space(), o);
  run(*bo, 10, 1);
  EXPECT_GT(calls, 0);
  o.features = [](const Point& x) { return std::vector<double>(x[2] > 10 ? 2 : 3, 0.0); };
  auto bad = make_optimizer(mixed_problem_space(), o);
  EXPECT_THROW(run(*bad, 20, 1), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
