#include "search/feasibility_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "random_matrix.hpp"

namespace codesign::search {
namespace {

// Feasible inside the disc of radius 0.5 around the origin of [-1,1]².
struct Data {
  Eigen::MatrixXd X;
  std::vector<Observation> obs;
};

Data disc(bool margins) {
  Data d;
  d.X.resize(49, 2);
  int n = 0;
  for (int i = 0; i < 7; ++i) {
    for (int j = 0; j < 7; ++j, ++n) {
      double x = -1 + i / 3.0, y = -1 + j / 3.0;
      d.X.row(n) << x, y;
      double margin = x * x + y * y - 0.25;
      d.obs.push_back(
          margins ? Observation::with_constraints(0.0, {margin})
                  : (margin <= 0 ? Observation::success(0.0) : Observation::infeasible(0.0)));
    }
  }
  return d;
}

void expect_learns_disc(bool margins) {
  Data d = disc(margins);
  FeasibilityModel model(default_label_model(), GpOptions{});
  std::mt19937_64 rng(1);
  model.fit(d.X, d.obs, rng);
  ASSERT_TRUE(model.active());
  Eigen::MatrixXd Q(2, 2);
  Q << 0.05, -0.1, 0.9, 0.8;
  Eigen::VectorXd p = model.log_probability(Q).array().exp();
  EXPECT_GT(p(0), 0.8);
  EXPECT_LT(p(1), 0.2);
}

TEST(FeasibilityModel, LearnsFromLabels) { expect_learns_disc(false); }
TEST(FeasibilityModel, LearnsFromMargins) { expect_learns_disc(true); }

TEST(FeasibilityModel, LearnsMarginsAndCrashesTogether) {
  // The disc's margins where evaluations report them; crashes (no margins) where x > 0.15,
  // a region that cuts into the disc: only the crash model can rule it out there.
  Data d = disc(true);
  for (long i = 0; i < d.X.rows(); ++i) {
    if (d.X(i, 0) > 0.15) d.obs[std::size_t(i)] = Observation::failure();
  }
  FeasibilityModel model(default_label_model(), GpOptions{});
  std::mt19937_64 rng(1);
  model.fit(d.X, d.obs, rng);
  Eigen::MatrixXd Q(3, 2);
  Q << -0.2, 0.0,    // inside the disc, no crash
      1.0 / 3, 0.0,  // inside the disc, crashes
      -0.9, -0.9;    // outside the disc
  Eigen::VectorXd p = model.log_probability(Q).array().exp();
  EXPECT_GT(p(0), 0.7);
  EXPECT_LT(p(1), 0.2);
  EXPECT_LT(p(2), 0.2);
}

TEST(FeasibilityModel, RejectsInconsistentMarginCounts) {
  FeasibilityModel model(default_label_model(), GpOptions{});
  std::mt19937_64 rng(1);
  EXPECT_THROW(model.fit(testing::random_matrix(2, 2, 1),
                         {Observation::with_constraints(0, {1.0}),
                          Observation::with_constraints(0, {1.0, -1.0})},
                         rng),
               std::invalid_argument);
}

TEST(FeasibilityModel, InactiveWithoutAnythingToLearn) {
  FeasibilityModel model(default_label_model(), GpOptions{});
  std::mt19937_64 rng(1);
  Eigen::MatrixXd X = testing::random_matrix(3, 2, 1);
  model.fit(X, {Observation::success(1), Observation::success(2), Observation::success(3)}, rng);
  EXPECT_FALSE(model.active());
  EXPECT_EQ(model.log_probability(X), Eigen::VectorXd::Zero(3));
}

}  // namespace
}  // namespace codesign::search
