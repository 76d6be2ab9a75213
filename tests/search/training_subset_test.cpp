#include "search/training_subset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "random_matrix.hpp"

namespace codesign::search {
namespace {

bool contains(const std::vector<std::size_t>& rows, std::size_t i) {
  return std::binary_search(rows.begin(), rows.end(), i);
}

TEST(TrainingSubset, KeepsEverythingWhileWithinTheBound) {
  Eigen::MatrixXd F = testing::random_matrix(40, 3, 1);
  std::vector<std::size_t> all(40);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(training_subset(F, {3, 1}, SubsetOptions{40}), all);
  EXPECT_EQ(training_subset(F, {}, SubsetOptions{0}), all) << "0: no bound";
}

TEST(TrainingSubset, KeepsTheBestTheRecentAndASpaceFillingRest) {
  // 300 rows crowded near the origin, then 4 far corners, then 100 recent rows.
  Eigen::MatrixXd F(404, 2);
  F.topRows(300) = 0.01 * testing::random_matrix(300, 2, 2);
  F.middleRows(300, 4) << -1, -1, -1, 1, 1, -1, 1, 1;
  F.bottomRows(100) = 0.01 * testing::random_matrix(100, 2, 3);
  std::vector<std::size_t> ranked(404);
  std::iota(ranked.begin(), ranked.end(), 0);
  std::reverse(ranked.begin(), ranked.begin() + 300);  // row 299 is best, then 298, …

  SubsetOptions options{40, 0.25, 0.25};
  std::vector<std::size_t> rows = training_subset(F, ranked, options);
  ASSERT_EQ(rows.size(), 40u);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
  EXPECT_EQ(std::adjacent_find(rows.begin(), rows.end()), rows.end()) << "a row twice";
  for (std::size_t i = 290; i < 300; ++i) EXPECT_TRUE(contains(rows, i)) << "best row " << i;
  for (std::size_t i = 394; i < 404; ++i) EXPECT_TRUE(contains(rows, i)) << "recent row " << i;
  for (std::size_t i = 300; i < 304; ++i) EXPECT_TRUE(contains(rows, i)) << "far corner " << i;
}

TEST(TrainingSubset, SurvivesDuplicateRows) {
  Eigen::MatrixXd F = Eigen::MatrixXd::Zero(50, 2);
  std::vector<std::size_t> rows = training_subset(F, {7, 7, 3}, SubsetOptions{10, 0.5, 0.2});
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_TRUE(contains(rows, 7) && contains(rows, 3) && contains(rows, 49));
  EXPECT_EQ(std::adjacent_find(rows.begin(), rows.end()), rows.end());
}

TEST(TrainingSubset, RejectsBadOptions) {
  Eigen::MatrixXd F = testing::random_matrix(20, 2, 4);
  EXPECT_THROW(training_subset(F, {}, SubsetOptions{10, 0.7, 0.5}), std::invalid_argument);
  EXPECT_THROW(training_subset(F, {25}, SubsetOptions{10}), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::search
