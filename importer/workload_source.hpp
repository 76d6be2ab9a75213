// A workload from any file a command's --workload accepts: a workload JSON
// (mapping::load_workload) or an ONNX model (a `.onnx` file, imported on the fly with the
// shapes the model declares).
#pragma once

#include <string>

#include "mapping/workload.hpp"

namespace codesign::importer {

bool is_onnx_file(const std::string& file);

// Throws util::ConfigError naming the file, as both readers do.
mapping::Workload load_workload_file(const std::string& file);

}  // namespace codesign::importer
