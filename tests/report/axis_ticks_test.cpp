#include "report/axis_ticks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using codesign::report::Axis;
using codesign::report::linear_axis;
using codesign::report::log_axis;

namespace {

std::vector<std::string> labels(const Axis& a) {
  std::vector<std::string> out;
  for (const auto& t : a.ticks) out.push_back(t.label);
  return out;
}

using Labels = std::vector<std::string>;

}  // namespace

TEST(LinearAxis, StepsOfOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(labels(linear_axis(0, 10, 5, false)), (Labels{"0", "2", "4", "6", "8", "10"}));
  EXPECT_EQ(labels(linear_axis(0.13, 0.87, 4, false)),
            (Labels{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}));
  EXPECT_EQ(labels(linear_axis(-30, 470, 5, false)),
            (Labels{"-100", "0", "100", "200", "300", "400", "500"}));
  const Axis a = linear_axis(3.26e-7, 3.44e-7, 5, false);
  EXPECT_EQ(labels(a), (Labels{"3.25e-7", "3.3e-7", "3.35e-7", "3.4e-7", "3.45e-7"}));
  // The range is widened to the outer ticks, so that every tick is on the axis.
  EXPECT_DOUBLE_EQ(a.lo, 3.25e-7);
  EXPECT_DOUBLE_EQ(a.hi, 3.45e-7);
}

TEST(LinearAxis, CountsGetWholeSteps) {
  // 1..4 evaluations would step by 0.5 on a real axis; a count steps by 1.
  EXPECT_EQ(labels(linear_axis(1, 4, 6, false)).size(), 7u);
  EXPECT_EQ(labels(linear_axis(1, 4, 6, true)), (Labels{"1", "2", "3", "4"}));
  EXPECT_EQ(labels(linear_axis(1, 12, 5, true)), (Labels{"0", "2", "4", "6", "8", "10", "12"}));
  EXPECT_EQ(labels(linear_axis(1, 1, 5, true)), (Labels{"0", "1", "2"}));
  for (const auto& t : linear_axis(1, 43, 6, true).ticks) EXPECT_EQ(t.value, std::round(t.value));
}

TEST(LinearAxis, RejectsAnEmptyOrUnboundedRange) {
  EXPECT_THROW(linear_axis(2, 1, 5, false), std::invalid_argument);
  EXPECT_THROW(linear_axis(0, INFINITY, 5, false), std::invalid_argument);
  EXPECT_THROW(linear_axis(0, NAN, 5, false), std::invalid_argument);
  EXPECT_THROW(linear_axis(0, 1, 1, false), std::invalid_argument);
}

TEST(LogAxis, DecadesWhenTheRangeHoldsTwoOrMore) {
  const Axis a = log_axis(3e-9, 4.5e-7, 6);
  EXPECT_EQ(labels(a), (Labels{"10^-9", "10^-8", "10^-7", "10^-6"}));
  EXPECT_DOUBLE_EQ(a.lo, 1e-9);
  EXPECT_DOUBLE_EQ(a.hi, 1e-6);
  // Too many decades for the target: every other one.
  EXPECT_EQ(labels(log_axis(1, 1e10, 5)),
            (Labels{"10^0", "10^2", "10^4", "10^6", "10^8", "10^10"}));
}

TEST(LogAxis, OneTwoFiveWithinADecadeThenLinearRoundNumbers) {
  const Axis a = log_axis(1.5, 30, 6);
  EXPECT_EQ(labels(a), (Labels{"1", "2", "5", "10", "20", "50"}));
  EXPECT_DOUBLE_EQ(a.lo, 1);
  EXPECT_DOUBLE_EQ(a.hi, 50);
  // Two round 1-2-5 values inside are too few: linear steps, never zero or below.
  const Axis narrow = log_axis(3.2e-7, 6.2e-7, 3);
  EXPECT_EQ(labels(narrow), (Labels{"3e-7", "4e-7", "5e-7", "6e-7", "7e-7"}));
  const Axis low = log_axis(0.5, 9, 5);
  for (const auto& t : low.ticks) EXPECT_GT(t.value, 0);
  EXPECT_GT(low.lo, 0);
  EXPECT_THROW(log_axis(0, 1, 5), std::invalid_argument);
  EXPECT_THROW(log_axis(-1, 1, 5), std::invalid_argument);
}
