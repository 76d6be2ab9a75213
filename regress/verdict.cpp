#include "regress/verdict.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace codesign::regress {

namespace {

constexpr std::pair<Outcome, const char*> kOutcomeNames[] = {
    {Outcome::kPassed, "passed"}, {Outcome::kImproved, "improved"},
    {Outcome::kDrift, "drift"},   {Outcome::kMissingBaseline, "missing_baseline"},
    {Outcome::kFailed, "failed"}, {Outcome::kError, "error"},
};

std::string percent_change(double baseline, double value) {
  if (baseline == 0) return value == 0 ? "+0%" : "new";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.3g%%", 100 * (value - baseline) / std::abs(baseline));
  return buf;
}

// Metrics and layers, baseline against now, as a fixed-width table.
std::string comparison(const CaseResult& r, const Baseline& b,
                       const std::map<Metric, Tolerance>& tolerances) {
  std::ostringstream s;
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %16s %16s %10s  %s\n", "metric", "baseline", "now",
                "change", "tolerance");
  s << line;
  for (const Metric m : kMetrics) {
    const auto now = r.metrics.find(m), then = b.metrics.find(m);
    if (now == r.metrics.end() && then == b.metrics.end()) continue;
    const std::string a = then == b.metrics.end() ? "-" : format_metric(m, then->second);
    const std::string n = now == r.metrics.end() ? "-" : format_metric(m, now->second);
    const std::string change = now != r.metrics.end() && then != b.metrics.end()
                                   ? percent_change(then->second, now->second)
                                   : "";
    std::snprintf(line, sizeof line, "%-8s %16s %16s %10s  %s\n", to_string(m), a.c_str(),
                  n.c_str(), change.c_str(), tolerances.at(m).describe().c_str());
    s << line;
  }
  s << "layers (one occurrence; baseline -> now):\n";
  for (const LayerMeasurement& l : r.layers) {
    const LayerMeasurement* old = nullptr;
    for (const LayerMeasurement& o : b.layers)
      if (o.name == l.name) old = &o;
    if (!old) {
      s << "  " << l.name << ": not in the baseline\n";
      continue;
    }
    s << "  " << l.name << ": cycles " << old->cycles << " -> " << l.cycles << " ("
      << percent_change(static_cast<double>(old->cycles), static_cast<double>(l.cycles))
      << "), energy " << format_metric(Metric::kEnergy, old->energy_pj) << " -> "
      << format_metric(Metric::kEnergy, l.energy_pj) << " pJ ("
      << percent_change(old->energy_pj, l.energy_pj) << ")"
      << (old->mapping == l.mapping ? "" : ", mapping changed") << "\n";
  }
  s << "baseline recorded " << b.provenance.date << ", tool " << b.provenance.tool_revision
    << ", rtl " << b.provenance.rtl_revision << ", design " << b.design << "\n";
  return s.str();
}

}  // namespace

const char* to_string(Outcome o) {
  for (const auto& [outcome, name] : kOutcomeNames)
    if (outcome == o) return name;
  return "error";
}

Outcome outcome_from_string(const std::string& s) {
  for (const auto& [outcome, name] : kOutcomeNames)
    if (s == name) return outcome;
  throw std::invalid_argument("unknown outcome \"" + s + "\"");
}

std::string format_metric(Metric m, double v) {
  char buf[64];
  if (m == Metric::kCycles)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string Deviation::message() const {
  return std::string(to_string(metric)) + ": " + format_metric(metric, value) + " " +
         unit_of(metric) + " against baseline " + format_metric(metric, baseline) + " (" +
         percent_change(baseline, value) + "), tolerance " + tolerance.describe();
}

Verdict judge(const Case& c, const CaseResult& r, const Baseline* baseline) {
  Verdict v;
  if (!r.ok()) {
    const bool ran = r.status == RunStatus::kMismatch || r.status == RunStatus::kStaleProgram;
    v.outcome = ran ? Outcome::kFailed : Outcome::kError;
    v.message = std::string(to_string(r.status)) + ": " + r.reason;
    v.details = v.message + "\n";
    return v;
  }
  if (!baseline) {
    v.outcome = Outcome::kMissingBaseline;
    v.message = "no baseline for this case (record one with --update-baselines)";
    std::ostringstream s;
    for (const auto& [m, value] : r.metrics)
      s << to_string(m) << " " << format_metric(m, value) << " " << unit_of(m) << "\n";
    v.details = v.message + "\n" + s.str();
    return v;
  }
  std::vector<std::string> missing;
  for (const auto& [m, value] : r.metrics) {
    const auto then = baseline->metrics.find(m);
    if (then == baseline->metrics.end()) {
      missing.push_back(to_string(m));
      continue;
    }
    const Tolerance& t = c.tolerances.at(m);
    if (std::abs(value - then->second) > t.allowance(then->second))
      v.deviations.push_back({m, then->second, value, t});
  }
  v.details = comparison(r, *baseline, c.tolerances);
  std::string worse, better;
  for (const Deviation& d : v.deviations) {
    std::string& list = d.worse() ? worse : better;
    list += (list.empty() ? "" : "; ") + d.message();
  }
  if (!worse.empty()) {
    v.outcome = Outcome::kDrift;
    v.message = worse;
  } else if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    v.outcome = Outcome::kMissingBaseline;
    v.message = "the baseline has no " + list + " (record it with --update-baselines)";
  } else if (!better.empty()) {
    v.outcome = Outcome::kImproved;
    v.message = "improved beyond tolerance: " + better + " (update the baselines to keep it)";
  } else {
    v.outcome = Outcome::kPassed;
    v.message = "every metric within its tolerance";
  }
  return v;
}

}  // namespace codesign::regress
