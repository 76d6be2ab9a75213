// `codesign area`: the area breakdown and leakage power of a hardware point.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_area_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
