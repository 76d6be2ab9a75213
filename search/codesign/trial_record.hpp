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

}  // namespace codesign::search
