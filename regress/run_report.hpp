// What one regression run found: per case, its result, its verdict against the baseline and
// whether its baseline was rewritten. JUnit, the history and the page are views of this.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "regress/verdict.hpp"

namespace codesign::regress {

struct CaseReport {
  std::string name, variant;
  CaseResult result;
  Verdict verdict;
  std::map<Metric, double> baseline;  // what it was judged against (empty: none)
  bool baseline_updated = false;      // --update-baselines accepted this result
  // A functional failure always fails; drift and a missing baseline fail unless this run
  // recorded the new values as the baseline.
  bool failed() const {
    return !verdict.passed() &&
           !(baseline_updated &&
             (verdict.outcome == Outcome::kDrift || verdict.outcome == Outcome::kMissingBaseline));
  }
};

struct RunReport {
  std::string suite;
  Provenance provenance;
  std::vector<CaseReport> cases;  // in suite order
  double wall_s = 0;
  std::size_t failures() const {
    std::size_t n = 0;
    for (const CaseReport& c : cases) n += c.failed();
    return n;
  }
  int exit_code() const { return failures() ? 1 : 0; }
};

}  // namespace codesign::regress
