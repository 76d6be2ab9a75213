#include "report/placements.hpp"

#include <algorithm>

namespace codesign::report {

namespace {

std::string text_of(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

double number_of(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<double>() : 0;
}

bool is_simulation(const JobPlacement& j) { return j.job.rfind("sim-", 0) == 0; }

}  // namespace

double TrialPlacements::map_wall_s() const {
  for (const JobPlacement& j : jobs)
    if (j.job == "map") return j.wall_s;
  return 0;
}

std::size_t TrialPlacements::simulations() const {
  std::size_t n = 0;
  for (const JobPlacement& j : jobs) n += is_simulation(j);
  return n;
}

double TrialPlacements::simulation_wall_s() const {
  double s = 0;
  for (const JobPlacement& j : jobs)
    if (is_simulation(j)) s += j.wall_s;
  return s;
}

std::size_t TrialPlacements::collected() const {
  std::size_t n = 0;
  for (const JobPlacement& j : jobs) n += j.collected;
  return n;
}

TrialPlacements trial_placements(const store::Trial& t) {
  TrialPlacements p;
  p.trial = t.id;
  p.parent = t.parent;
  p.fidelity = t.fidelity;
  p.status = t.status;
  const auto ran = t.result.find("ran");
  if (ran == t.result.end() || !ran->is_array()) return p;
  p.recorded = true;
  for (const nlohmann::json& o : *ran) {
    if (!o.is_object()) continue;
    const auto collected = o.find("collected");
    p.jobs.push_back({text_of(o, "job"), text_of(o, "executor"), text_of(o, "host"),
                      text_of(o, "job_id"), number_of(o, "wall_s"), number_of(o, "started"),
                      collected != o.end() && collected->is_boolean() && collected->get<bool>()});
  }
  return p;
}

PlacementSummary summarise(const std::vector<TrialPlacements>& trials) {
  PlacementSummary s;
  double first_start = 0, last_end = 0;
  for (const TrialPlacements& t : trials) {
    ++s.trials;
    if (!t.recorded) ++s.unrecorded;
    for (const JobPlacement& j : t.jobs) {
      for (JobTally* tally : {&s.total, &s.by_host[j.host], &s.by_executor[j.executor]}) {
        ++tally->jobs;
        tally->wall_s += j.wall_s;
      }
      s.collected += j.collected;
      if (j.started > 0) {
        first_start = first_start == 0 ? j.started : std::min(first_start, j.started);
        last_end = std::max(last_end, j.started + j.wall_s);
        s.spanned_wall_s += j.wall_s;
      }
    }
  }
  if (last_end > 0) s.span_s = last_end - first_start;
  return s;
}

}  // namespace codesign::report
