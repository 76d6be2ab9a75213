// Layer names from ONNX node names: readable, safe in file names and comma-separated layer
// lists (letters, digits, '_'), and unique within a workload.
#pragma once

#include <set>
#include <string>

namespace codesign::importer {

// "/layer1/layer1.0/conv1/Conv" -> "layer1_0_conv1": the scope path without the operator's
// own trailing component and without a scope its child repeats ("layer1/layer1.0", the way
// PyTorch names nested modules), other characters mapped to '_'. A node without a usable
// name is named after its operator ("matmul").
std::string layer_name(const std::string& node_name, const std::string& op_type);

// Hands out names, suffixing "_2", "_3", ... to a name already taken.
class UniqueNames {
 public:
  std::string take(const std::string& name);

 private:
  std::set<std::string> taken_;
};

}  // namespace codesign::importer
