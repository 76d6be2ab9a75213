#include "regress/verdict.hpp"

#include <gtest/gtest.h>

namespace {

using namespace codesign::regress;

Case a_case(Tolerance cycles = {}, Tolerance energy = {}) {
  Case c;
  c.name = "v/w";
  for (const Metric m : kMetrics) c.tolerances[m] = Tolerance{};
  c.tolerances[Metric::kCycles] = cycles;
  c.tolerances[Metric::kEnergy] = energy;
  return c;
}

CaseResult ok_result(double cycles, double energy, double edp) {
  CaseResult r;
  r.name = "v/w";
  r.status = RunStatus::kOk;
  r.metrics = {{Metric::kCycles, cycles}, {Metric::kEnergy, energy}, {Metric::kEdp, edp}};
  return r;
}

Baseline baseline(double cycles, double energy, double edp) {
  Baseline b;
  b.metrics = {{Metric::kCycles, cycles}, {Metric::kEnergy, energy}, {Metric::kEdp, edp}};
  b.provenance = {"2024-05-01T02:00:00Z", "abc", "def"};
  return b;
}

TEST(Verdict, ToleranceIsAbsolutePlusRelativeOfTheBaseline) {
  const Tolerance t{0.1, 5};
  EXPECT_DOUBLE_EQ(t.allowance(100), 15);
  EXPECT_DOUBLE_EQ(t.allowance(-100), 15);
  const Baseline b = baseline(100, 1000, 1);
  EXPECT_EQ(judge(a_case(t), ok_result(115, 1000, 1), &b).outcome, Outcome::kPassed);
  EXPECT_EQ(judge(a_case(t), ok_result(116, 1000, 1), &b).outcome, Outcome::kDrift);
  EXPECT_EQ(judge(a_case(t), ok_result(85, 1000, 1), &b).outcome, Outcome::kPassed);
  EXPECT_EQ(judge(a_case(t), ok_result(84, 1000, 1), &b).outcome, Outcome::kImproved);
}

TEST(Verdict, DriftNamesTheMetricItsBaselineTheNewValueAndTheTolerance) {
  const Baseline b = baseline(1000, 2e6, 1e-9);
  const Verdict v = judge(a_case({0.01, 0}), ok_result(1200, 2e6, 1.2e-9), &b);
  ASSERT_EQ(v.outcome, Outcome::kDrift);
  EXPECT_FALSE(v.passed());
  ASSERT_EQ(v.deviations.size(), 2u);  // cycles and EDP; energy unchanged
  EXPECT_EQ(v.message,
            "cycles: 1200 cycles against baseline 1000 (+20%), tolerance +-(1% + 0); "
            "edp: 1.2e-09 J*s against baseline 1e-09 (+20%), tolerance +-(0% + 0)");
  EXPECT_NE(v.details.find("baseline recorded 2024-05-01T02:00:00Z, tool abc, rtl def"),
            std::string::npos)
      << v.details;
}

TEST(Verdict, AnImprovementBeyondToleranceIsFlaggedButPasses) {
  const Baseline b = baseline(1000, 2e6, 1e-9);
  const Verdict v = judge(a_case(), ok_result(900, 2e6, 0.9e-9), &b);
  EXPECT_EQ(v.outcome, Outcome::kImproved);
  EXPECT_TRUE(v.passed());
  EXPECT_NE(v.message.find("improved beyond tolerance: cycles: 900 cycles against baseline 1000"),
            std::string::npos)
      << v.message;
  // A worse metric beside a better one is drift.
  EXPECT_EQ(judge(a_case(), ok_result(900, 3e6, 1e-9), &b).outcome, Outcome::kDrift);
}

TEST(Verdict, AMissingBaselineIsNeverAPass) {
  const Verdict none = judge(a_case(), ok_result(1000, 2e6, 1e-9), nullptr);
  EXPECT_EQ(none.outcome, Outcome::kMissingBaseline);
  EXPECT_FALSE(none.passed());
  // A metric the baseline does not hold (area measured for the first time) is missing too.
  const Baseline b = baseline(1000, 2e6, 1e-9);
  CaseResult with_area = ok_result(1000, 2e6, 1e-9);
  with_area.metrics[Metric::kArea] = 1.5;
  const Verdict partial = judge(a_case(), with_area, &b);
  EXPECT_EQ(partial.outcome, Outcome::kMissingBaseline);
  EXPECT_NE(partial.message.find("the baseline has no area"), std::string::npos);
}

TEST(Verdict, FunctionalFailuresComeBeforeMetrics) {
  const Baseline b = baseline(1000, 2e6, 1e-9);
  CaseResult r;
  r.status = RunStatus::kMismatch;
  r.reason = "fc: output 3: got 1, want 2";
  Verdict v = judge(a_case(), r, &b);
  EXPECT_EQ(v.outcome, Outcome::kFailed);
  EXPECT_EQ(v.message, "mismatch: fc: output 3: got 1, want 2");
  for (const RunStatus s :
       {RunStatus::kBuildFailure, RunStatus::kSimFailure, RunStatus::kTimeout, RunStatus::kError}) {
    r.status = s;
    v = judge(a_case(), r, &b);
    EXPECT_EQ(v.outcome, Outcome::kError) << to_string(s);
    EXPECT_EQ(v.message.rfind(to_string(s), 0), 0u) << v.message;
  }
  r.status = RunStatus::kStaleProgram;
  EXPECT_EQ(judge(a_case(), r, &b).outcome, Outcome::kFailed);
}

TEST(Verdict, DetailsCompareLayersAndSpotAChangedMapping) {
  Baseline b = baseline(1000, 2e6, 1e-9);
  b.layers = {{"conv", 1, 600, 1.2e6, 10, {{"dataflow", "os"}}},
              {"fc", 2, 200, 4e5, 6, {{"dataflow", "ws"}}}};
  CaseResult r = ok_result(1000, 2e6, 1e-9);
  r.layers = {{"conv", 1, 600, 1.2e6, 10, {{"dataflow", "os"}}},
              {"fc", 2, 200, 4e5, 6, {{"dataflow", "os"}}}};
  const Verdict v = judge(a_case(), r, &b);
  EXPECT_EQ(v.outcome, Outcome::kPassed);
  EXPECT_NE(v.details.find("conv: cycles 600 -> 600 (+0%)"), std::string::npos) << v.details;
  EXPECT_EQ(v.details.find("conv: cycles 600 -> 600 (+0%), energy 1.2e+06 -> 1.2e+06 pJ (+0%), "
                           "mapping changed"),
            std::string::npos);
  EXPECT_NE(v.details.find("fc: cycles 200 -> 200 (+0%), energy 400000 -> 400000 pJ (+0%), "
                           "mapping changed"),
            std::string::npos)
      << v.details;
}

TEST(Verdict, OutcomesHaveStableNames) {
  for (const Outcome o : {Outcome::kPassed, Outcome::kImproved, Outcome::kDrift,
                          Outcome::kMissingBaseline, Outcome::kFailed, Outcome::kError})
    EXPECT_EQ(outcome_from_string(to_string(o)), o);
  EXPECT_THROW(outcome_from_string("fine"), std::invalid_argument);
}

}  // namespace
