// The RTL fidelity of a study: a design scored by the analytical model is run layer by layer
// on its own simulator, every output checked against the golden model, and becomes a trial
// at fidelity "rtl" linked to the model trial, with the model's error recorded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "store/study_store.hpp"

namespace codesign::cli {

// The RTL trial confirming `model_trial` (not yet stored), priced like the model trial
// (`leakage`: with the leakage of its recorded area). A failed build, run or check is a
// trial with its status and reason, not an exception.
store::Trial confirm_on_rtl(const store::Trial& model_trial, const arch::EnergyTable& energy,
                            const std::string& cache_dir, bool leakage);

// The RTL trial of a confirmation whose worker crashed or never answered.
store::Trial failed_confirmation(const store::Trial& model_trial, const std::string& reason,
                                 double wall_s);

// The ids of the best `count` feasible model trials with distinct designs, best first,
// leaving out those already confirmed; designs already confirmed count towards `count`.
std::vector<std::int64_t> designs_to_confirm(const std::vector<store::TrialSummary>& trials,
                                             std::size_t count);

}  // namespace codesign::cli
