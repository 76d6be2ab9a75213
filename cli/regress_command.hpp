// `codesign regress`: a suite of accelerator variants re-simulated against baselines.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

void add_regress_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
