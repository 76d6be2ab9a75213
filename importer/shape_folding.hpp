// Folding the shape arithmetic of a graph whose input shapes are now fixed. Exporters with
// dynamic axes (PyTorch, Hugging Face) compute reshape targets at run time:
// Shape -> Gather -> Unsqueeze -> Concat -> Reshape. The ONNX library's shape inference
// cannot follow that chain (1.12 does not propagate a Gather with a scalar index, nor a
// Constant node's value), so the reshaped tensors, and every product after them, stay
// without a shape. This evaluates such integer computations once the shapes they read are
// known and puts their results in the graph as initializers, so that the next round of shape
// inference sees constant reshape targets.
#pragma once

#include <onnx/onnx_pb.h>

namespace codesign::importer {

// Replaces every node of `graph` whose outputs are small integer tensors computable from
// constants and known shapes (Constant, Shape, Size, Gather, Unsqueeze, Squeeze, Concat,
// Slice, Cast, Identity, Reshape, Add, Sub, Mul, Div) by initializers holding its outputs.
// `graph` must carry the shapes of a shape-inference pass. Returns the number of nodes
// replaced (0: nothing left to fold).
int fold_shape_arithmetic(onnx::GraphProto& graph);

}  // namespace codesign::importer
