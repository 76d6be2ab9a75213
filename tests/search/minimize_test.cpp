#include "search/minimize.hpp"

#include <gtest/gtest.h>

#include "search/random_search.hpp"

namespace codesign::search {
namespace {

// Random search on 0…99, counting evaluations.
class MinimizeTest : public ::testing::Test {
 protected:
  std::unique_ptr<Optimizer> opt =
      make_optimizer(Space().add(Parameter::integer("x", 0, 99)), RandomOptions{});
  int calls = 0;
  std::function<Observation(const Point&)> evaluate = [this](const Point& x) {
    ++calls;
    return Observation::success(x[0]);
  };
};

TEST_F(MinimizeTest, SpendsExactlyTheBudgetInBatches) {
  EXPECT_EQ(minimize(*opt, evaluate, StopRule(5), 2), 5u);
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(opt->trials().size(), 5u);
  EXPECT_THROW(minimize(*opt, evaluate, StopRule(5), 0), std::invalid_argument);
}

TEST_F(MinimizeTest, StopsOnRequestAndAtTheTimeLimit) {
  StopRule rule(8);
  rule.stop_requested = [&] { return calls == 2; };
  EXPECT_EQ(minimize(*opt, evaluate, rule, 4), 2u);
  EXPECT_EQ(opt->trials().size(), 2u);  // the batch's other two stay pending
  rule.stop_requested = nullptr;
  rule.time_limit = std::chrono::steady_clock::duration::zero();
  EXPECT_EQ(minimize(*opt, evaluate, rule), 0u);
}

TEST(StopRule, StopsAtTheFirstCriterionReached) {
  using std::chrono::seconds;
  StopRule rule(10);
  rule.time_limit = seconds(60);
  EXPECT_FALSE(rule.reached(9, seconds(59)));
  EXPECT_TRUE(rule.reached(10, seconds(0)));
  EXPECT_TRUE(rule.reached(0, seconds(60)));
  bool stop = false;
  rule.stop_requested = [&] { return stop; };
  EXPECT_FALSE(rule.reached(0, seconds(0)));
  stop = true;
  EXPECT_TRUE(rule.reached(0, seconds(0)));
}

}  // namespace
}  // namespace codesign::search
