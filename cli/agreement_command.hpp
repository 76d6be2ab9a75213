// `codesign agreement`: how well the analytical model agrees with the RTL.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_agreement_command(CLI::App& app);

}  // namespace codesign::cli
