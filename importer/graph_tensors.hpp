// The values of a shape-inferred graph: each one's dims, when shape inference knew them, and
// whether it is a constant: an initializer, a Constant node's output, the shape of a tensor
// whose shape is known, or computed from constants only. Constants are what any runtime
// folds when it loads the model; a product whose operand is constant has a weight operand.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace codesign::importer {

class GraphTensors {
 public:
  // The graph's nodes must be in topological order, as ONNX requires.
  explicit GraphTensors(const onnx::GraphProto& graph);

  // Known dims of `value`, or nothing if shape inference left any dimension unknown.
  std::optional<std::vector<std::int64_t>> dims(const std::string& value) const;
  bool is_constant(const std::string& value) const;
  // Whether every input of `node` is a constant (a node without inputs included).
  bool computes_on_constants(const onnx::NodeProto& node) const;
  // Elements of `value`, or nothing if its shape is not known.
  std::optional<std::uint64_t> elements(const std::string& value) const;

 private:
  std::map<std::string, std::vector<std::int64_t>> dims_;  // fully known shapes only
  std::map<std::string, bool> constant_;
};

}  // namespace codesign::importer
