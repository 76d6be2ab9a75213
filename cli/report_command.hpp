// `codesign report`: a study as one self-contained HTML file, plus CSV and JSON.
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_report_command(CLI::App& app);

}  // namespace codesign::cli
