// `codesign export`: a study's design as SystemVerilog, programs and a manifest.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_export_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
