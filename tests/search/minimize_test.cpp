#include "search/minimize.hpp"

#include <gtest/gtest.h>

#include "search/random_search.hpp"

namespace codesign::search {
namespace {

Space small_space() {
  Space s;
  s.add(Parameter::integer("x", 0, 99));
  return s;
}

TEST(Minimize, SpendsExactlyTheBudgetInBatches) {
  RandomSearch opt(small_space());
  int calls = 0;
  auto evaluate = [&](const Point& x) { return ++calls, Observation::success(x[0]); };
  StopRule rule;
  rule.budget = 5;
  EXPECT_EQ(minimize(opt, evaluate, rule, 2), 5u);
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(opt.trials().size(), 5u);
  EXPECT_THROW(minimize(opt, evaluate, rule, 0), std::invalid_argument);
}

TEST(Minimize, StopsOnRequestAndAtTheTimeLimit) {
  RandomSearch opt(small_space());
  int calls = 0;
  auto evaluate = [&](const Point& x) { return ++calls, Observation::success(x[0]); };
  StopRule rule;
  rule.budget = 8;
  rule.stop_requested = [&] { return calls == 2; };
  EXPECT_EQ(minimize(opt, evaluate, rule, 4), 2u);
  EXPECT_EQ(opt.trials().size(), 2u);  // the batch's other two stay pending
  rule.stop_requested = nullptr;
  rule.time_limit = std::chrono::steady_clock::duration::zero();
  EXPECT_EQ(minimize(opt, evaluate, rule), 0u);
}

}  // namespace
}  // namespace codesign::search
