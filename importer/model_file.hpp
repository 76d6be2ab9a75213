// Reading an ONNX model for import: the protobuf parsed and checked (a model with a graph, at
// an IR version and opsets the ONNX library knows), every graph input given a concrete shape,
// then ONNX shape inference over the whole graph. Initializers are never read, so
// weight-stripped models (initializers with dims but no data) import like full ones.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace codesign::importer {

// A graph input's shape as the user gives it: "image=1x3x224x224".
struct InputShape {
  std::string name;
  std::vector<std::int64_t> dims;
};
// Throws util::ConfigError naming `text` if it is not NAME=D1xD2x... with every D >= 1.
InputShape parse_input_shape(const std::string& text);

struct ShapeOptions {
  std::vector<InputShape> inputs;  // full shapes of the named inputs
  int batch = 0;                   // if > 0: dimension 0 of every input not named above
};

// Parses `file`. Throws util::ConfigError naming the file if it is not an ONNX model (not a
// protobuf ModelProto, truncated, no graph) or if its IR version or an opset it imports is
// outside what the ONNX library knows.
onnx::ModelProto read_model(const std::string& file);

// Gives the graph inputs their shapes from `options`, checks that every input dimension is
// then a known size, and infers the shape of every value in the graph, folding shape
// arithmetic into initializers as it becomes known (shape_folding.hpp). Returns the number
// of nodes folded away. Throws util::ConfigError naming `file` and the input (a dynamic
// dimension) or the node (shape inference failed).
int infer_shapes(onnx::ModelProto& model, const ShapeOptions& options, const std::string& file);

// The graph's inputs that are not initializers (older exporters list weights as inputs too).
std::vector<const onnx::ValueInfoProto*> real_inputs(const onnx::GraphProto& graph);

// The opset the model imports for the default ("ai.onnx") domain.
int default_opset(const onnx::ModelProto& model);

}  // namespace codesign::importer
