// `codesign export`: a study's design as SystemVerilog, programs and a manifest.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_export_command(CLI::App& app);

}  // namespace codesign::cli
