// `codesign search`: the co-design search over a design space for a workload, on a
// resumable study file, with the best design confirmed on the RTL.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_search_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
