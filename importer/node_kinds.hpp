// What the importer does with each ONNX node: a layer for the PE array (Conv, Gemm, MatMul),
// nothing (computes on constants only: folded when a runtime loads the model), or an entry
// in the summary of work the PE array does not run (activations, normalisation, pooling,
// element-wise arithmetic, data movement). A node that would hide MACs from the count is
// refused: an operator ONNX does not define, a MAC-carrying operator that is not imported
// (ConvTranspose, quantised products, Einsum, recurrent cells) or control flow around one.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>

#include "importer/graph_tensors.hpp"

namespace codesign::importer {

enum class NodeKind { kLayer, kConstant, kNotMapped };

class NodeClassifier {
 public:
  // `opsets`: the model's opset version per domain ("" for ai.onnx).
  explicit NodeClassifier(std::map<std::string, int> opsets);

  // Throws util::ConfigError starting with `where` (file and node) for a node that cannot be
  // imported, with the reason.
  NodeKind classify(const onnx::NodeProto& node, const GraphTensors& tensors,
                    const std::string& where) const;

 private:
  void check_defined(const onnx::NodeProto& node, const std::string& where) const;
  std::map<std::string, int> opsets_;
};

}  // namespace codesign::importer
