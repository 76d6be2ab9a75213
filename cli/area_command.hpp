// `codesign area`: the area breakdown and leakage power of a hardware point.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_area_command(CLI::App& app);

}  // namespace codesign::cli
