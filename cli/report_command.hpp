// `codesign report`: a study as one self-contained HTML file, plus CSV and JSON.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_report_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
