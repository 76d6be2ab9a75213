#include "regress/history_page.hpp"

#include <map>
#include <sstream>

#include "report/svg_plot.hpp"

namespace codesign::regress {

namespace {

using report::escape_markup;

const char* colour_of(Outcome o, bool failed) {
  if (failed) return "#f8d0d0";
  return o == Outcome::kImproved ? "#d8ecff" : o == Outcome::kPassed ? "#dff3df" : "#fff2c8";
}

std::string cell(const std::map<Metric, double>& metrics, Metric m) {
  const auto it = metrics.find(m);
  return it == metrics.end() ? "" : format_metric(m, it->second);
}

std::string revision(const std::string& r) { return r.substr(0, 12); }

void run_table(std::ostringstream& h, const RunReport& run) {
  h << "<table><tr><th>case</th><th>variant</th><th>outcome</th><th>cycles</th>"
    << "<th>energy pJ</th><th>EDP J&#183;s</th><th>area mm&#178;</th><th>time s</th>"
    << "<th>message</th></tr>\n";
  for (const CaseReport& c : run.cases) {
    h << "<tr style=\"background:" << colour_of(c.verdict.outcome, c.failed()) << "\">"
      << "<td class=\"l\"><a href=\"#" << escape_markup(c.name) << "\">" << escape_markup(c.name)
      << "</a></td><td class=\"l\">" << escape_markup(c.variant) << "</td><td class=\"l\">"
      << to_string(c.verdict.outcome) << (c.baseline_updated ? " (baseline updated)" : "")
      << "</td>";
    for (const Metric m : kMetrics) h << "<td>" << cell(c.result.metrics, m) << "</td>";
    h << "<td>" << report::short_number(c.result.wall_s) << "</td><td class=\"l\">"
      << escape_markup(c.verdict.message) << "</td></tr>\n";
  }
  h << "</table>\n";
}

// The first run of the case's latest streak of failing runs, if its latest run failed.
const HistoryResult* first_of_failing_streak(const std::vector<const HistoryResult*>& trend) {
  const HistoryResult* first = nullptr;
  for (auto it = trend.rbegin(); it != trend.rend() && (*it)->failed; ++it) first = *it;
  return first;
}

void case_trends(std::ostringstream& h, const std::string& name,
                 const std::vector<const HistoryResult*>& trend,
                 const std::map<std::int64_t, const HistoryRun*>& runs) {
  h << "<h3 id=\"" << escape_markup(name) << "\">" << escape_markup(name) << "</h3>\n";
  const HistoryResult* first_failure = first_of_failing_streak(trend);
  if (first_failure) {
    const HistoryRun* r = runs.at(first_failure->run);
    h << "<p class=\"fail\">failing since run " << first_failure->run << " ("
      << escape_markup(r->provenance.date) << ", tool "
      << escape_markup(revision(r->provenance.tool_revision)) << ", rtl "
      << escape_markup(revision(r->provenance.rtl_revision))
      << "): " << escape_markup(first_failure->message) << "</p>\n";
  }
  h << "<div class=\"trends\">";
  for (const Metric m : kMetrics) {
    report::Series values{to_string(m), {}, {}, true};
    for (const HistoryResult* r : trend)
      if (const auto v = r->metrics.find(m); v != r->metrics.end()) {
        values.x.push_back(static_cast<double>(r->run));
        values.y.push_back(v->second);
      }
    if (values.x.empty()) continue;
    std::vector<report::Series> series{values};
    if (first_failure) {
      // Marked at the value it measured, else at the last value before it.
      double y = values.y.front();
      for (std::size_t i = 0; i < values.x.size(); ++i)
        if (values.x[i] <= static_cast<double>(first_failure->run)) y = values.y[i];
      series.push_back(
          {"first failing run", {static_cast<double>(first_failure->run)}, {y}, false});
    }
    report::PlotOptions o;
    o.title = std::string(to_string(m)) + " (" + unit_of(m) + ")";
    o.x_label = "run";
    o.y_label = unit_of(m);
    o.width = 420;
    o.height = 240;
    h << report::svg_plot(series, o);
  }
  h << "</div>\n<table><tr><th>run</th><th>date</th><th>outcome</th><th>status</th>"
    << "<th>message</th></tr>\n";
  for (auto it = trend.rbegin(); it != trend.rend(); ++it) {
    const HistoryResult* r = *it;
    h << "<tr style=\"background:" << colour_of(r->outcome, r->failed) << "\"><td>" << r->run
      << "</td><td class=\"l\">" << escape_markup(runs.at(r->run)->provenance.date)
      << "</td><td class=\"l\">" << to_string(r->outcome) << "</td><td class=\"l\">"
      << escape_markup(r->status) << "</td><td class=\"l\">" << escape_markup(r->message)
      << "</td></tr>\n";
  }
  h << "</table>\n";
}

}  // namespace

std::string history_page(const RunReport& run, const std::vector<HistoryRun>& runs,
                         const std::vector<HistoryResult>& results) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>codesign regress "
    << escape_markup(run.suite) << "</title>\n<style>body{font-family:sans-serif;margin:24px;"
    << "max-width:1300px}table{border-collapse:collapse;font-size:12px;margin:8px 0}"
    << "td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}"
    << "td.l{text-align:left}.trends svg{margin:4px}.fail{color:#a00}</style></head><body>\n";
  h << "<h1>codesign regress: " << escape_markup(run.suite) << "</h1>\n<p>"
    << escape_markup(run.provenance.date) << " &#183; tool "
    << escape_markup(run.provenance.tool_revision) << " &#183; rtl "
    << escape_markup(run.provenance.rtl_revision) << " &#183; " << run.cases.size() << " cases, "
    << run.failures() << " failed &#183; " << report::short_number(run.wall_s)
    << " s</p>\n<h2>This run</h2>\n";
  run_table(h, run);

  h << "<h2>Trends</h2>\n";
  if (runs.empty()) {
    h << "<p>No history: give <code>--history FILE</code> to keep one and see trends.</p>\n";
  } else {
    h << "<p>The last " << runs.size() << " runs of this suite (runs " << runs.front().id
      << "&#8211;" << runs.back().id << ").</p>\n";
    std::map<std::int64_t, const HistoryRun*> by_id;
    for (const HistoryRun& r : runs) by_id[r.id] = &r;
    std::map<std::string, std::vector<const HistoryResult*>> by_case;
    for (const HistoryResult& r : results)
      if (by_id.count(r.run)) by_case[r.name].push_back(&r);
    for (const CaseReport& c : run.cases)
      if (by_case.count(c.name)) case_trends(h, c.name, by_case[c.name], by_id);
  }
  h << "</body></html>\n";
  return h.str();
}

}  // namespace codesign::regress
