// The RTL fidelity of a design: a model trial's layers, each distinct (shape, mapping) run
// once on the design's RTL with every output checked (a "simulate" job each), priced into
// an RTL trial linked to its model trial, with the model's error recorded. Used for the
// search's RTL-in-the-loop trials and for confirming a model study's best designs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "study/jobs.hpp"
#include "tb/network_on_rtl.hpp"

namespace codesign::study {

// The simulations a model trial needs: one job per distinct run of its layers (same shape,
// mapping and operand seed: tb::distinct_runs), jobs[k] simulating runs.runs[k].
struct RtlPlan {
  std::vector<tb::MappedLayer> layers;  // every layer of the trial, with its mapping
  tb::NetworkRuns runs;
  std::vector<SimulateJob> jobs;
};

RtlPlan plan_rtl(const store::Trial& model_trial, const std::string& cache_dir, double timeout_s);

// The RTL trial (not yet stored) of `model_trial` from its simulations' outcomes (one per
// plan job, in order), priced like the model trial (`leakage`: with its recorded area).
store::Trial rtl_trial(const store::Trial& model_trial, const RtlPlan& plan,
                       const std::vector<SimulateOutcome>& outcomes,
                       const arch::EnergyTable& energy, bool leakage, double wall_s);

// The RTL trial of a design whose simulations did not all answer (a failed, timed-out or
// lost job): status "failed" or "timeout" with the reason.
store::Trial failed_rtl_trial(const store::Trial& model_trial, const std::string& status,
                              const std::string& reason, double wall_s);

// The ids of the best `count` feasible model trials with distinct designs, best first,
// leaving out those already confirmed; designs already confirmed count towards `count`.
std::vector<std::int64_t> designs_to_confirm(const std::vector<store::TrialSummary>& trials,
                                             std::size_t count);

}  // namespace codesign::study
