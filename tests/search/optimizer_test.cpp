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

}  // namespace
}  // namespace codesign::search
