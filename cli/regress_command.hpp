// `codesign regress`: a suite of accelerator variants re-simulated against baselines.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_regress_command(CLI::App& app);

}  // namespace codesign::cli
