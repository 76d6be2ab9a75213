// `codesign search`: the co-design search over a design space for a workload, on a
// resumable study file, with the best design confirmed on the RTL.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_search_command(CLI::App& app);

}  // namespace codesign::cli
