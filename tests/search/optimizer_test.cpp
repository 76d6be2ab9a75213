#include "search/optimizer.hpp"

#include <gtest/gtest.h>

namespace codesign::search {
namespace {

// Proposes whatever it is given, to exercise the base class's checks.
class Scripted : public Optimizer {
 public:
  Scripted(Space space, std::vector<Point> script)
      : Optimizer(std::move(space)), script_(std::move(script)) {}
  std::vector<Point> pending_points() const { return pending(); }

 protected:
  std::vector<Point> propose(std::size_t q) override {
    std::vector<Point> out(script_.begin(), script_.begin() + long(q));
    script_.erase(script_.begin(), script_.begin() + long(q));
    return out;
  }

 private:
  std::vector<Point> script_;
};

Space small_space() {
  Space s;
  s.add(Parameter::integer("x", 0, 9)).constrain([](const Point& x) { return x[0] != 3; });
  return s;
}

TEST(Optimizer, RefusesToProposeAKnownInfeasiblePoint) {
  Scripted opt(small_space(), {{1}, {3}});
  EXPECT_NO_THROW(opt.ask(1));
  EXPECT_THROW(opt.ask(1), std::logic_error);
}

TEST(Optimizer, TellChecksPointAndObservation) {
  Scripted opt(small_space(), {});
  EXPECT_THROW(opt.tell({3}, Observation::success(1)), std::invalid_argument);
  EXPECT_THROW(opt.tell({1.5}, Observation::success(1)), std::invalid_argument);
  EXPECT_THROW(opt.tell({1}, Observation::success(std::nan(""))), std::invalid_argument);
}

TEST(Optimizer, TracksPendingPointsAndTheBestFeasibleTrial) {
  Scripted opt(small_space(), {{1}, {2}, {4}});
  opt.ask(3);
  EXPECT_EQ(opt.pending_points(), (std::vector<Point>{{1}, {2}, {4}}));
  opt.tell({2}, Observation::infeasible(-5));
  opt.tell({4}, Observation::success(3));
  opt.tell({0}, Observation::failure());  // told without being asked: accepted
  EXPECT_EQ(opt.pending_points(), (std::vector<Point>{{1}}));
  ASSERT_NE(opt.best(), nullptr);
  EXPECT_EQ(opt.best()->x, Point{4});
  EXPECT_EQ(opt.trials().size(), 3u);
}

TEST(Optimizer, AbandonedPointsAreNoLongerPending) {
  Scripted opt(small_space(), {{1}, {2}});
  opt.ask(2);
  opt.abandon({1});
  EXPECT_EQ(opt.pending_points(), (std::vector<Point>{{2}}));
  EXPECT_TRUE(opt.trials().empty());
  EXPECT_THROW(opt.abandon({1}), std::invalid_argument);
}

TEST(Optimizer, MinimizeSpendsExactlyTheBudget) {
  Scripted opt(small_space(), {{0}, {1}, {2}, {4}, {5}});
  int calls = 0;
  auto evaluate = [&](const Point& x) { return ++calls, Observation::success(x[0]); };
  StopRule rule;
  rule.budget = 5;
  rule.batch = 2;
  EXPECT_EQ(minimize(opt, evaluate, rule), 5u);
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(opt.best()->x, Point{0});
}

TEST(Optimizer, MinimizeStopsOnRequestAndAtTheTimeLimit) {
  Scripted opt(small_space(), {{0}, {1}, {2}, {4}, {5}, {6}, {7}, {8}});
  int calls = 0;
  auto evaluate = [&](const Point& x) { return ++calls, Observation::success(x[0]); };
  StopRule rule;
  rule.budget = 8;
  rule.batch = 4;
  rule.stop_requested = [&] { return calls == 2; };
  EXPECT_EQ(minimize(opt, evaluate, rule), 2u);
  EXPECT_EQ(opt.pending_points(), (std::vector<Point>{{2}, {4}}));
  rule.stop_requested = nullptr;
  rule.time_limit = std::chrono::steady_clock::duration::zero();
  EXPECT_EQ(minimize(opt, evaluate, rule), 0u);
}

}  // namespace
}  // namespace codesign::search
