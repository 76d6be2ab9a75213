// `codesign simulate`: validate a design on a workload, layer by layer, with the analytical
// model or cycle-accurately on the RTL (every output checked bit-exactly).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_simulate_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
