// How a co-design evaluation is written to a study: the hardware point and every layer's
// mapping as parameters; network and per-layer metrics as the result; the network's energy,
// delay and a one-line design in the summary columns. `codesign report`, `export` and
// `--resume` read these fields.
#pragma once

#include <string>

#include "search/codesign/codesign_search.hpp"
#include "store/study_store.hpp"

namespace codesign::search {

store::Trial to_trial(const HwEvaluation& e, const std::string& algorithm);
// A point whose evaluation never answered (a worker that crashed or overran its time
// limit): its hardware (and area, 0 if unknown) is known, nothing else. `status` is
// "failed" or "timeout".
store::Trial failed_trial(const arch::HwConfig& hw, double area_mm2, const std::string& status,
                          const std::string& reason, const std::string& algorithm);

}  // namespace codesign::search
