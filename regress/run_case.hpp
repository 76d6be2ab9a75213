// One regression case on the RTL: every layer built, simulated cycle-accurately and every
// output compared bit-exactly with the golden model (tb::run_network_on_rtl), then priced by
// the shared energy table. `run_case` is a pure function of its case — no baselines, no
// files written besides the simulator cache — so it runs in-process, in a forked worker or
// as a job on another machine; every failure is a returned status, never an exception.
#pragma once

#include "regress/case_result.hpp"

namespace codesign::regress {

CaseResult run_case(const Case& c);

// The worker side of a case job (regress/case_json.hpp's case_job): its result as JSON.
// Throws util::ConfigError when the job is not a readable case.
nlohmann::json run_case_job(const nlohmann::json& job);

}  // namespace codesign::regress
