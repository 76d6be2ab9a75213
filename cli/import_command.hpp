// `codesign import`: a network from an ONNX model as a workload JSON (importer/).
#pragma once

#include <CLI/CLI.hpp>

namespace codesign::cli {

void add_import_command(CLI::App& app);

}  // namespace codesign::cli
