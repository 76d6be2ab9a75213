// The regression page: one self-contained HTML file (inline SVG, no scripts) with this run's
// table and, per case, each metric's trend over the last runs with the first run of its
// latest failing streak marked.
#pragma once

#include <string>
#include <vector>

#include "regress/history.hpp"

namespace codesign::regress {

// `runs` oldest first (this run last), `results` every case result of those runs.
std::string history_page(const RunReport& run, const std::vector<HistoryRun>& runs,
                         const std::vector<HistoryResult>& results);

}  // namespace codesign::regress
