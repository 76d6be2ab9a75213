// A trial as JSON, for passing it between processes (forked workers) and for exports of a
// study; the inverse is strict, so a truncated or foreign answer is an error, not a trial.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/study_store.hpp"

namespace codesign::store {

// A trial's summary (typed columns only), and a whole trial: its summary with parameters
// and result.
nlohmann::json to_json(const TrialSummary& t);
nlohmann::json to_json(const Trial& t);
// Throws util::ConfigError naming `where` and the bad key.
Trial trial_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace codesign::store
