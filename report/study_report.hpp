// The report of a co-design study: one self-contained HTML file (inline SVG plots, no
// scripts) — best EDP over evaluations per algorithm, the energy–delay Pareto front, the
// best design's per-layer cycles, utilisation and shares, its energy by component, a to-scale
// drawing of it, model-vs-RTL scatters, where each trial's jobs ran, tables — plus every trial's
// summary (status, EDP, energy, delay, design) as CSV and JSON.
#pragma once

#include <string>

#include "store/study_store.hpp"

namespace codesign::report {

struct StudyReport {
  std::string html;
  std::string csv;
  std::string json;
};

StudyReport study_report(const store::StudyStore& study);

}  // namespace codesign::report
