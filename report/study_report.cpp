#include "report/study_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "report/design_drawing.hpp"
#include "report/layer_breakdown.hpp"
#include "report/placements.hpp"
#include "report/svg_plot.hpp"
#include "store/trial_json.hpp"

namespace codesign::report {

namespace {

std::string csv_field(std::string s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Feasible designs not dominated in (delay, energy), sorted by delay.
std::vector<const store::TrialSummary*> pareto(std::vector<const store::TrialSummary*> designs) {
  std::sort(designs.begin(), designs.end(), [](auto* a, auto* b) {
    return a->delay_s != b->delay_s ? a->delay_s < b->delay_s : a->energy_pj < b->energy_pj;
  });
  std::vector<const store::TrialSummary*> front;
  double best_energy = 1e300;
  for (const store::TrialSummary* d : designs)
    if (d->energy_pj < best_energy) {
      front.push_back(d);
      best_energy = d->energy_pj;
    }
  return front;
}

// Per layer of the best design: the table, then utilisation and energy as bars.
std::string layer_section(const LayerBreakdown& b) {
  std::ostringstream h, rows;
  std::vector<std::string> names;
  std::vector<double> utilisation, energy;
  for (const LayerRow& l : b.rows) {
    names.push_back(l.name + " ×" + std::to_string(l.repeat));
    utilisation.push_back(100 * l.utilisation);
    energy.push_back(l.repeat * l.energy_pj * 1e-6);
    rows << "<tr><td class=\"l\">" << escape_markup(l.name) << "</td><td>" << l.repeat
         << "</td><td>" << (l.macs ? std::to_string(l.macs) : "—") << "</td><td>" << l.cycles
         << "</td><td>" << short_number(100 * l.utilisation) << "</td><td>"
         << short_number(100 * l.cycle_share) << "</td><td>" << short_number(l.energy_pj * 1e-6)
         << "</td><td>" << short_number(100 * l.energy_share) << "</td></tr>\n";
  }
  h << "<section id=\"layer-plot\"><h2>Best design: per layer</h2>\n<p>"
    << (b.measured_on_rtl ? "Measured on the RTL (trial " : "From the analytical model (trial ")
    << b.trial << "), " << b.pes << " PEs. PE utilisation is MACs / (PEs × cycles), "
    << (b.utilisation_recorded ? "as the trial recorded it"
                               : "computed here from the layer's MACs and the recorded cycles")
    << "; shares count repeats.</p>\n"
    << "<table id=\"layer-table\"><tr><th>layer</th><th>repeat</th><th>MACs</th><th>cycles</th>"
    << "<th>PE utilisation %</th><th>% of cycles</th><th>energy µJ</th><th>% of energy</th></tr>\n"
    << rows.str() << "</table>\n"
    << svg_bars(names, utilisation, {"PE utilisation per layer", "%", "", false, 760, 0})
    << svg_bars(names, energy, {"energy per layer (repeats counted)", "µJ", "", false, 760, 0})
    << "</section>\n";
  return h.str();
}

std::string component_section(const store::Trial& best) {
  std::map<std::string, double> components;
  for (const auto& l : best.result["layers"])
    for (const auto& [k, v] : l["metrics"]["energy_by_component_pj"].items())
      if (k != "total") components[k] += l["repeat"].get<double>() * v.get<double>() * 1e-6;
  std::vector<std::string> names;
  std::vector<double> values;
  for (const auto& [k, v] : components) {
    names.push_back(k);
    values.push_back(v);
  }
  return "<section id=\"component-plot\"><h2>Best design: energy by component</h2>\n" +
         svg_bars(names, values, {"energy by component", "µJ", "", false, 760, 0}) + "</section>\n";
}

std::string design_section(const store::Trial& best) {
  std::string h = "<section id=\"design-drawing\"><h2>Best design, drawn to scale</h2>\n";
  if (!best.params.contains("hw"))
    return h + "<p>The trial records no hardware point.</p></section>\n";
  const DesignDrawing d = design_drawing(best.params["hw"], best.area_mm2);
  return h + "<p>" + d.note + "</p>\n" + svg_design(d) + "</section>\n";
}

// Model against RTL, EDP and delay, for every design confirmed on the RTL: log axes, one
// scale on both, the line y = x.
std::string model_vs_rtl(const std::vector<store::TrialSummary>& trials) {
  std::map<std::int64_t, const store::TrialSummary*> by_id;
  for (const auto& t : trials) by_id[t.id] = &t;
  Series edp{"designs", {}, {}, false}, delay{"designs", {}, {}, false};
  for (const auto& t : trials) {
    if (t.fidelity != "rtl" || !t.feasible || !by_id.count(t.parent)) continue;
    const store::TrialSummary& model = *by_id[t.parent];
    if (!model.feasible) continue;
    edp.x.push_back(model.objective);
    edp.y.push_back(t.objective);
    delay.x.push_back(model.delay_s * 1e3);
    delay.y.push_back(t.delay_s * 1e3);
  }
  if (edp.x.empty())
    return "<p id=\"no-rtl\">No design of this study was measured on the RTL, so there is no "
           "model-vs-RTL comparison (<code>codesign search --confirm N</code> or "
           "<code>--fidelity rtl</code>).</p>\n";
  return "<div id=\"model-vs-rtl\">" +
         svg_plot({edp}, {"EDP: model vs RTL", "model EDP (J·s)", "RTL EDP (J·s)", true, 480, 360,
                          true, false, true}) +
         svg_plot({delay}, {"delay: model vs RTL", "model delay (ms)", "RTL delay (ms)", true, 480,
                            360, true, false, true}) +
         "</div>\n";
}

// Decoding a trial costs about a millisecond at ResNet-50 size (bench/RESULTS.md): a study
// up to this many trials has every trial's placements listed, a larger one its best designs'.
constexpr std::size_t kListEveryTrialUpTo = 500;
constexpr std::size_t kBestListed = 50;

// The trials whose placements are listed: every trial, or the best feasible model trials
// with their RTL trials.
std::vector<store::Trial> listed_trials(const store::StudyStore& study,
                                        const std::vector<store::TrialSummary>& trials) {
  if (trials.size() <= kListEveryTrialUpTo) return study.trials();
  std::vector<const store::TrialSummary*> designs;
  for (const auto& t : trials)
    if (t.fidelity == "model" && t.feasible) designs.push_back(&t);
  std::sort(designs.begin(), designs.end(),
            [](auto* a, auto* b) { return a->objective < b->objective; });
  if (designs.size() > kBestListed) designs.resize(kBestListed);
  std::vector<store::Trial> listed;
  for (const store::TrialSummary* d : designs) {
    listed.push_back(study.get(d->id).value());
    for (auto& child : study.children(d->id)) listed.push_back(std::move(child));
  }
  return listed;
}

// The distinct non-empty values of a field over a trial's jobs, escaped; beyond `limit` of
// them, the first `limit` - 1 named and the rest counted.
std::string distinct(const std::vector<JobPlacement>& jobs, std::string JobPlacement::*field,
                     std::size_t limit) {
  std::vector<std::string> seen;
  for (const JobPlacement& j : jobs)
    if (!(j.*field).empty() && std::find(seen.begin(), seen.end(), j.*field) == seen.end())
      seen.push_back(j.*field);
  if (seen.empty()) return "—";
  std::string out;
  const std::size_t named = seen.size() > limit ? limit - 1 : seen.size();
  for (std::size_t i = 0; i < named; ++i) out += (i ? ", " : "") + escape_markup(seen[i]);
  if (named < seen.size()) out += " and " + std::to_string(seen.size() - named) + " more";
  return out;
}

std::string tally_table(const char* id, const char* what,
                        const std::map<std::string, JobTally>& tallies) {
  std::ostringstream h;
  h << "<table id=\"" << id << "\"><tr><th>" << what << "</th><th>jobs</th><th>job time s</th>"
    << "</tr>\n";
  for (const auto& [name, t] : tallies)
    h << "<tr><td class=\"l\">" << (name.empty() ? "(never started)" : escape_markup(name))
      << "</td><td>" << t.jobs << "</td><td>" << short_number(t.wall_s) << "</td></tr>\n";
  return h.str() + "</table>\n";
}

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Where every listed trial's jobs ran, and the jobs per host and per executor.
std::string placement_section(const store::StudyStore& study,
                              const std::vector<store::TrialSummary>& trials) {
  std::vector<TrialPlacements> placed;
  for (const store::Trial& t : listed_trials(study, trials)) placed.push_back(trial_placements(t));
  const PlacementSummary s = summarise(placed);
  std::ostringstream h;
  h << "<section id=\"where-it-ran\"><h2>Where it ran</h2>\n<p id=\"placement-summary\">";
  if (s.trials < trials.size())
    h << "The " << kBestListed << " best designs and their RTL trials (" << s.trials << " of "
      << trials.size() << " trials; listing every trial of a study this large would take "
      << "seconds): ";
  h << s.total.jobs << " jobs of " << s.trials << " trials, " << short_number(s.total.wall_s)
    << " s of job time in all";
  if (s.collected) h << "; " << s.collected << " collected after a driver restart, not run again";
  if (s.span_s > 0)
    h << "; " << short_number(s.spanned_wall_s) << " s of it in " << short_number(s.span_s)
      << " s from the first job's start to the last one's end, "
      << one_decimal(s.spanned_wall_s / s.span_s)
      << " jobs at a time on average (a stopped driver's downtime counts in that span)";
  h << ".";
  if (s.unrecorded)
    h << " " << s.unrecorded << (s.unrecorded == 1 ? " trial was" : " trials were")
      << " stored before placements were recorded.";
  h << "</p>\n<div style=\"display:flex;gap:24px;margin-bottom:12px\">"
    << tally_table("placement-executors", "executor", s.by_executor)
    << tally_table("placement-hosts", "host", s.by_host) << "</div>\n"
    << "<table id=\"placement-table\"><tr><th>trial</th><th>of</th><th>status</th>"
    << "<th>executor</th><th>host</th><th>job id</th><th>map job s</th><th>simulations</th>"
    << "<th>simulation s</th><th>collected</th></tr>\n";
  for (const TrialPlacements& t : placed) {
    h << "<tr><td>" << t.trial << "</td><td>" << (t.parent ? std::to_string(t.parent) : "")
      << "</td><td class=\"l\">" << escape_markup(t.status) << "</td>";
    if (!t.recorded) {
      h << "<td class=\"l\" colspan=\"7\">not recorded</td></tr>\n";
      continue;
    }
    const bool has_map = std::any_of(t.jobs.begin(), t.jobs.end(),
                                     [](const JobPlacement& j) { return j.job == "map"; });
    h << "<td class=\"l\">" << distinct(t.jobs, &JobPlacement::executor, 2)
      << "</td><td class=\"l\">" << distinct(t.jobs, &JobPlacement::host, 3)
      << "</td><td class=\"l\">" << distinct(t.jobs, &JobPlacement::job_id, 4) << "</td><td>"
      << (has_map ? short_number(t.map_wall_s()) : "—") << "</td><td>" << t.simulations()
      << "</td><td>" << (t.simulations() ? short_number(t.simulation_wall_s()) : "—") << "</td><td>"
      << (t.collected() ? std::to_string(t.collected()) + " of " + std::to_string(t.jobs.size())
                        : "—")
      << "</td></tr>\n";
  }
  return h.str() + "</table></section>\n";
}

}  // namespace

StudyReport study_report(const store::StudyStore& study) {
  // Every trial is listed from its summary columns; only the best trial and the RTL
  // confirmations are decoded in full, so a study of 10 000 trials renders in a second.
  const std::vector<store::TrialSummary> trials = study.summaries();
  const auto best = study.best_design();  // what `codesign export` takes by default
  std::optional<store::Trial> rtl_best;
  if (best)
    for (auto& t : study.children(best->id))
      if (t.fidelity == "rtl") rtl_best = std::move(t);
  std::size_t model_count = 0, feasible = 0;
  for (const auto& t : trials)
    if (t.fidelity == "model") {
      ++model_count;
      feasible += t.feasible;
    }
  const nlohmann::json identity = nlohmann::json::parse(study.meta("identity").value_or("{}"));

  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>codesign study "
    << escape_markup(study.path()) << "</title>\n<style>body{font-family:sans-serif;margin:24px;"
    << "max-width:1000px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid "
    << "#ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}td.l{text-align:left}"
    << "section{margin-bottom:28px}</style></head><body>\n";
  h << "<h1>Co-design study</h1>\n<section id=\"summary\"><table>"
    << "<tr><th>study</th><td class=\"l\">" << escape_markup(study.path()) << "</td></tr>"
    << "<tr><th>workload</th><td class=\"l\">"
    << escape_markup(identity.contains("workload") ? identity["workload"]["name"].get<std::string>()
                                                   : "?")
    << "</td></tr><tr><th>algorithm</th><td class=\"l\">"
    << escape_markup(identity.value("algorithm", "?")) << " (seed " << identity.value("seed", 0)
    << ")</td></tr><tr><th>trials</th><td class=\"l\" id=\"trial-count\">" << model_count << " ("
    << feasible << " feasible)</td></tr>";
  if (best)
    h << "<tr><th>best design</th><td class=\"l\">trial " << best->id << ": "
      << escape_markup(best->design) << "</td></tr><tr><th>its model EDP</th>"
      << "<td class=\"l\" id=\"best-edp\">" << short_number(best->objective) << " J·s</td></tr>";
  if (rtl_best)
    h << "<tr><th>RTL-confirmed EDP</th><td class=\"l\" id=\"rtl-edp\">"
      << (rtl_best->feasible
              ? short_number(rtl_best->objective) + " J·s (model " +
                    short_number(rtl_best->result["model_edp_js"].get<double>()) + ", " +
                    short_number(100 * rtl_best->result["model_vs_rtl"].get<double>()) + "% off)"
              : "failed: " + escape_markup(rtl_best->status + ": " + rtl_best->reason))
      << "</td></tr>";
  h << "</table></section>\n";

  // Best EDP over evaluations, per algorithm.
  std::map<std::string, Series> curves;
  std::map<std::string, double> running;
  std::map<std::string, std::size_t> counts;
  std::vector<const store::TrialSummary*> designs;  // feasible model trials
  for (const auto& t : trials) {
    if (t.fidelity != "model") continue;
    const std::size_t n = ++counts[t.algorithm];
    if (t.feasible) {
      running[t.algorithm] =
          std::min(running.count(t.algorithm) ? running[t.algorithm] : 1e300, t.objective);
      designs.push_back(&t);
    }
    if (running.count(t.algorithm)) {
      Series& s = curves[t.algorithm];
      s.name = t.algorithm;
      s.x.push_back(static_cast<double>(n));
      s.y.push_back(running[t.algorithm]);
    }
  }
  std::vector<Series> series;
  for (auto& [_, s] : curves) series.push_back(s);
  h << "<section id=\"best-edp-plot\"><h2>Best EDP over evaluations</h2>\n"
    << svg_plot(series, {"best EDP so far", "hardware evaluations", "EDP (J·s)", true, 760, 380,
                         false, true})
    << "</section>\n";

  Series all{"designs", {}, {}, false}, front{"Pareto front", {}, {}, true};
  for (const store::TrialSummary* d : designs) {
    all.x.push_back(d->delay_s * 1e3);
    all.y.push_back(d->energy_pj * 1e-6);
  }
  const auto optimal = pareto(designs);
  for (const store::TrialSummary* d : optimal) {
    front.x.push_back(d->delay_s * 1e3);
    front.y.push_back(d->energy_pj * 1e-6);
  }
  h << "<section id=\"pareto-plot\"><h2>Energy–delay of every feasible design</h2>\n"
    << svg_plot({all, front},
                {"energy vs delay", "delay (ms)", "energy (µJ)", true, 760, 380, true})
    << "<table id=\"pareto-table\"><tr><th>trial</th><th>design on the Pareto front</th>"
       "<th>delay ms</th><th>energy µJ</th><th>EDP J·s</th><th>area mm²</th></tr>\n";
  for (const store::TrialSummary* d : optimal)
    h << "<tr><td>" << d->id << "</td><td class=\"l\">" << escape_markup(d->design) << "</td><td>"
      << short_number(d->delay_s * 1e3) << "</td><td>" << short_number(d->energy_pj * 1e-6)
      << "</td><td>" << short_number(d->objective) << "</td><td>"
      << (d->area_mm2 > 0 ? short_number(d->area_mm2) : "—") << "</td></tr>\n";
  h << "</table>";
  if (!optimal.empty() && optimal.front()->area_mm2 <= 0)
    h << "<p>Areas are recorded when the study has an area model (<code>codesign search "
         "--area</code>, or an area or power budget).</p>";
  h << "</section>\n";

  if (best) {
    h << layer_section(
        layer_breakdown(*best, rtl_best && rtl_best->feasible ? &*rtl_best : nullptr));
    h << component_section(*best);
    h << design_section(*best);
  }

  // Model-vs-RTL disagreements, then every trial.
  h << "<section id=\"fidelity\"><h2>RTL confirmations</h2>\n"
    << model_vs_rtl(trials) << "<table><tr><th>trial</th><th>of</th>"
    << "<th>status</th><th>RTL EDP</th><th>model EDP</th><th>model vs RTL %</th></tr>";
  for (const auto& summary : trials) {
    if (summary.fidelity != "rtl") continue;
    const store::Trial t = study.get(summary.id).value();
    h << "<tr><td>" << t.id << "</td><td>" << t.parent << "</td><td class=\"l\">"
      << escape_markup(t.status) << "</td><td>" << (t.feasible ? short_number(t.objective) : "")
      << "</td><td>" << short_number(t.result.value("model_edp_js", 0.0)) << "</td><td>"
      << (t.feasible ? short_number(100 * t.result["model_vs_rtl"].get<double>()) : "")
      << "</td></tr>";
  }
  h << "</table></section>\n"
    << placement_section(study, trials)
    << "<section id=\"trials\"><h2>Trials</h2><table><tr><th>id</th>"
    << "<th>algorithm</th><th>fidelity</th><th>status</th><th>design</th><th>EDP J·s</th>"
    << "</tr>\n";
  std::ostringstream csv;
  csv << "id,algorithm,fidelity,status,feasible,edp_js,energy_pj,delay_s,area_mm2,parent,design,"
         "reason\n";
  nlohmann::json all_json = nlohmann::json::array();
  for (const auto& t : trials) {
    h << "<tr><td>" << t.id << "</td><td class=\"l\">" << escape_markup(t.algorithm)
      << "</td><td class=\"l\">" << t.fidelity << "</td><td class=\"l\">" << escape_markup(t.status)
      << "</td><td class=\"l\">" << escape_markup(t.design) << "</td><td>"
      << (t.feasible ? short_number(t.objective) : "") << "</td></tr>\n";
    csv << t.id << "," << csv_field(t.algorithm) << "," << t.fidelity << "," << csv_field(t.status)
        << "," << (t.feasible ? 1 : 0) << "," << (t.feasible ? short_number(t.objective) : "")
        << "," << t.energy_pj << "," << t.delay_s << "," << t.area_mm2 << "," << t.parent << ","
        << csv_field(t.design) << "," << csv_field(t.reason) << "\n";
    all_json.push_back(store::to_json(t));
  }
  h << "</table></section>\n</body></html>\n";
  return {h.str(), csv.str(), nlohmann::json{{"identity", identity}, {"trials", all_json}}.dump(1)};
}

}  // namespace codesign::report
