// `codesign simulate`: validate a design on a workload, layer by layer, with the analytical
// model or cycle-accurately on the RTL (every output checked bit-exactly).
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_simulate_command(CLI::App& app);

}  // namespace codesign::cli
