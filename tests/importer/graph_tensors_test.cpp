// Shapes and constants of a graph after shape inference.
#include "importer/graph_tensors.hpp"

#include <gtest/gtest.h>

#include <onnx/shape_inference/implementation.h>

#include "onnx_builder.hpp"

namespace {

using codesign::importer::GraphTensors;
using codesign::tests::ModelBuilder;

TEST(ImporterGraphTensors, ShapesAndConstants) {
  ModelBuilder b;
  b.input("x", {2, 6}).weight("w", {6, 4}).int64s("shape", {4, 2}).output("z");
  b.node("Transpose", {"w"}, {"wt"});        // a weight's transpose: constant
  b.node("Shape", {"x"}, {"xs"});            // a known shape: constant
  b.node("MatMul", {"x", "w"}, {"y"});       // on an activation: not constant
  b.node("Reshape", {"y", "shape"}, {"z"});  // its reshape: not constant
  b.node("RandomNormal", {}, {"noise"}, "", {codesign::tests::ints("shape", {3})});
  // ONNX's own inference: infer_shapes would fold the shape arithmetic away.
  onnx::shape_inference::InferShapes(b.model());
  const GraphTensors t(b.model().graph());
  EXPECT_TRUE(t.is_constant("w"));
  EXPECT_TRUE(t.is_constant("wt"));
  EXPECT_TRUE(t.is_constant("xs"));
  EXPECT_FALSE(t.is_constant("x"));
  EXPECT_FALSE(t.is_constant("y"));
  EXPECT_FALSE(t.is_constant("z"));
  EXPECT_FALSE(t.is_constant("noise"));  // no inputs, but not the same every run
  EXPECT_FALSE(t.is_constant("unknown"));
  EXPECT_EQ(t.dims("wt"), (std::vector<std::int64_t>{4, 6}));
  EXPECT_EQ(t.dims("z"), (std::vector<std::int64_t>{4, 2}));
  EXPECT_EQ(t.elements("y"), 8u);
  EXPECT_EQ(t.elements("w"), 24u);  // an initializer's dims, without its data
  EXPECT_FALSE(t.dims("unknown").has_value());
  EXPECT_FALSE(t.elements("unknown").has_value());
}

}  // namespace
