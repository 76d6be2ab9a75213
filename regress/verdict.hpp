// Judging a case's result against its baseline: functional failures first (a mismatch, a
// stale export program, a build failure, a crash, a timeout), then every metric against its
// tolerance — worse beyond it is drift (a failure), better beyond it is flagged as an
// improvement (a pass that asks for new baselines). No baseline is never a pass.
#pragma once

#include <string>
#include <vector>

#include "regress/baselines.hpp"

namespace codesign::regress {

enum class Outcome {
  kPassed,
  kImproved,         // passed; some metric better than its baseline beyond tolerance
  kDrift,            // some metric worse than its baseline beyond tolerance
  kMissingBaseline,  // no baseline for the case, or for one of its metrics
  kFailed,           // ran, but wrong: an output mismatch or a stale export program
  kError,            // could not run: build failure, crash, timeout, no mapping, ...
};
const char* to_string(Outcome o);  // "passed", "improved", "drift", "missing_baseline", ...
Outcome outcome_from_string(const std::string& s);  // throws std::invalid_argument

struct Deviation {
  Metric metric;
  double baseline = 0, value = 0;
  Tolerance tolerance;
  bool worse() const { return value > baseline; }
  // "cycles: 1200 against baseline 1000 (+20%), tolerance +-(0% + 0)"
  std::string message() const;
};

struct Verdict {
  Outcome outcome = Outcome::kError;
  std::string message;                // one line, for JUnit's failure message
  std::vector<Deviation> deviations;  // every metric beyond its tolerance
  std::string details;                // metrics and layers against the baseline, for system-out
  bool passed() const { return outcome == Outcome::kPassed || outcome == Outcome::kImproved; }
};

// `baseline` may be null (none recorded).
Verdict judge(const Case& c, const CaseResult& r, const Baseline* baseline);

// A number as the messages print it: integers for cycles, else 6 significant digits.
std::string format_metric(Metric m, double v);

}  // namespace codesign::regress
