// `codesign import`: a network from an ONNX model as a workload JSON (importer/).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

// Adds the subcommand to `app`; when the parser selects it, `command` becomes its work.
void add_import_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
