// Baselines: per case, the metrics a passing run measured and where they came from (date,
// the tool's and the RTL sources' revisions), with per-layer figures and mappings to explain
// a later drift. One JSON file, replaced atomically, written only for cases that passed
// functionally.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "regress/case_result.hpp"

namespace codesign::regress {

// Where a result came from.
struct Provenance {
  std::string date;           // UTC, ISO 8601
  std::string tool_revision;  // git revision of the source tree ("+dirty" with changes)
  std::string rtl_revision;   // the last commit that changed rtl/ ("+dirty" likewise)
};
// Now, and the revisions of this build's source tree.
Provenance current_provenance();

struct Baseline {
  std::map<Metric, double> metrics;
  std::vector<LayerMeasurement> layers;
  std::string design;  // the hardware point's configuration key
  Provenance provenance;
};

using Baselines = std::map<std::string, Baseline>;  // by case name

// A missing file holds no baselines; a malformed one throws util::ConfigError naming the key.
Baselines load_baselines(const std::string& file);
void save_baselines(const std::string& file, const Baselines& baselines);

// The baseline a passing result makes.
Baseline baseline_of(const Case& c, const CaseResult& r, const Provenance& p);

}  // namespace codesign::regress
