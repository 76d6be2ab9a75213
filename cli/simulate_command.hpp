// `codesign simulate`: validate a design on one layer, cycle-accurately on the RTL.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_simulate_command(CLI::App& app);

}  // namespace codesign::cli
