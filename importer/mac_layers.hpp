// The ONNX operators that run on the PE array, as workload layers:
//   Conv   (1-D and 2-D; group, strides, pads including asymmetric ones, dilations, auto_pad)
//          -> conv2d; a 1-D convolution is a 2-D one of height 1.
//   Gemm   (transA, transB) and
//   MatMul (batched, with broadcasting)
//          -> fc when one operand is a constant shared across the batch (a weight), its rows
//             (batch dimensions folded in) the fc's batch; otherwise -> matmul, batched over
//             the broadcast batch dimensions (both operands activations, as in attention).
// A layer is built through the workload reader (mapping::layer_from_json), so an imported
// layer obeys exactly the rules of a hand-written one.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "importer/graph_tensors.hpp"
#include "mapping/workload.hpp"

namespace codesign::importer {

struct ImportedLayer {
  mapping::Layer layer;
  std::string note;  // an approximation made, if any (asymmetric padding)
};

// The layer of a Conv, Gemm or MatMul node, named `name`. Throws util::ConfigError starting
// with `where` (file and node) if the node cannot be a layer: an operand's shape unknown,
// inconsistent shapes, a 3-D convolution, strides or dilations that differ between height
// and width, or a dimension out of the workload's range.
ImportedLayer layer_from_node(const onnx::NodeProto& node, const GraphTensors& tensors,
                              const std::string& name, const std::string& where);

}  // namespace codesign::importer
