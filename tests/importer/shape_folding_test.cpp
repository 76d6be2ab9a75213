// Folding shape arithmetic: the values each operator computes, and the chain a PyTorch
// export with dynamic axes builds before a Reshape.
#include "importer/shape_folding.hpp"

#include <gtest/gtest.h>
#include <onnx/shape_inference/implementation.h>

#include <map>

#include "importer/model_file.hpp"
#include "onnx_builder.hpp"

namespace {

using codesign::importer::fold_shape_arithmetic;
using codesign::tests::integer;
using codesign::tests::ints;
using codesign::tests::ModelBuilder;
using Values = std::vector<std::int64_t>;

// The int64 initializers of the graph after one inference pass and one fold.
std::map<std::string, Values> folded(ModelBuilder& b, int expected_nodes_folded) {
  onnx::shape_inference::InferShapes(b.model());
  EXPECT_EQ(fold_shape_arithmetic(*b.model().mutable_graph()), expected_nodes_folded);
  std::map<std::string, Values> out;
  for (const auto& t : b.model().graph().initializer())
    if (t.data_type() == onnx::TensorProto::INT64)
      out[t.name()] = Values(t.int64_data().begin(), t.int64_data().end());
  return out;
}

// `b` with a node that is not folded (a Relu) reading each of `values`, so the fold keeps them.
void read_all(ModelBuilder& b, const std::vector<std::string>& values) {
  for (const auto& v : values) b.node("Relu", {v}, {"read_" + v});
}

TEST(ImporterShapeFolding, ShapeGatherSliceConcatAndArithmetic) {
  ModelBuilder b;
  b.input("x", {2, 128, 768});
  b.int64s("zero", {0}).int64s("one", {1}).int64s("heads", {12});
  b.node("Shape", {"x"}, {"shape"});
  b.node("Shape", {"x"}, {"tail"}, "", {integer("start", -2)});
  b.node("Size", {"x"}, {"size"});
  b.node("Gather", {"shape", "zero"}, {"batch"});
  b.node("Slice", {"shape", "one", "heads"}, {"middle"});  // [1:12] of 3 values
  b.node("Div", {"tail", "heads"}, {"per_head"});
  b.node("Concat", {"batch", "middle", "heads"}, {"target"}, "", {integer("axis", 0)});
  b.node("Cast", {"target"}, {"as_int"}, "", {integer("to", onnx::TensorProto::INT32)});
  b.node("Cast", {"target"}, {"as_float"}, "", {integer("to", onnx::TensorProto::FLOAT)});
  read_all(
      b, {"shape", "tail", "size", "batch", "middle", "per_head", "target", "as_int", "as_float"});
  const auto v = folded(b, 8);  // everything but the float cast and the readers
  EXPECT_EQ(v.at("shape"), (Values{2, 128, 768}));
  EXPECT_EQ(v.at("tail"), (Values{128, 768}));
  EXPECT_EQ(v.at("size"), (Values{2 * 128 * 768}));
  EXPECT_EQ(v.at("batch"), (Values{2}));
  EXPECT_EQ(v.at("middle"), (Values{128, 768}));
  EXPECT_EQ(v.at("per_head"), (Values{10, 64}));
  EXPECT_EQ(v.at("target"), (Values{2, 128, 768, 12}));
  EXPECT_EQ(v.at("as_int"), (Values{2, 128, 768, 12}));
  EXPECT_EQ(v.count("as_float"), 0u);
}

TEST(ImporterShapeFolding, ScalarGatherUnsqueezeSqueezeAndConstants) {
  ModelBuilder b;
  b.input("x", {3, 5});
  auto& index = b.node("Constant", {}, {"index"});
  onnx::AttributeProto value;
  value.set_name("value");
  value.set_type(onnx::AttributeProto::TENSOR);
  value.mutable_t()->set_data_type(onnx::TensorProto::INT64);
  value.mutable_t()->add_int64_data(1);  // a scalar: no dims
  *index.add_attribute() = value;
  b.node("Constant", {}, {"axes"}, "", {ints("value_ints", {0})});
  b.node("Shape", {"x"}, {"shape"});
  b.node("Gather", {"shape", "index"}, {"columns"});          // a scalar, 5
  b.node("Unsqueeze", {"columns", "axes"}, {"column_list"});  // [5]
  b.node("Squeeze", {"column_list"}, {"again"});              // the scalar again
  b.node("Mul", {"columns", "columns"}, {"square"});
  read_all(b, {"columns", "column_list", "again", "square"});
  const auto v = folded(b, 7);
  EXPECT_EQ(v.at("columns"), (Values{5}));
  EXPECT_EQ(v.at("column_list"), (Values{5}));
  EXPECT_EQ(v.at("again"), (Values{5}));
  EXPECT_EQ(v.at("square"), (Values{25}));
  // Values no kept node reads are dropped with their nodes.
  EXPECT_EQ(v.count("index"), 0u);
  for (const auto& t : b.model().graph().initializer()) {
    if (t.name() == "column_list") {
      EXPECT_EQ(t.dims_size(), 1);
    }
    if (t.name() == "again") {
      EXPECT_EQ(t.dims_size(), 0);
    }
  }
}

TEST(ImporterShapeFolding, NothingToFoldOnActivationsOrStrippedWeights) {
  ModelBuilder b;
  b.input("x", {2, 4}).weight("w", {4, 4});
  auto* stripped = b.model().mutable_graph()->add_initializer();  // an int64 without data
  stripped->set_name("target");
  stripped->set_data_type(onnx::TensorProto::INT64);
  stripped->add_dims(2);
  b.node("MatMul", {"x", "w"}, {"y"});
  b.node("Relu", {"y"}, {"z"});
  b.node("Reshape", {"z", "target"}, {"r"});
  b.node("Identity", {"target"}, {"copy"});  // of a tensor without data: nothing to copy
  folded(b, 0);
  EXPECT_EQ(b.model().graph().node_size(), 4);
}

TEST(ImporterShapeFolding, WhatCannotBeComputedSafelyIsLeftAlone) {
  ModelBuilder b;
  b.int64s("big", {std::int64_t{1} << 62}).int64s("zero", {0}).int64s("v", {4, 5});
  b.int64s("twice", {0, 0});
  b.node("Mul", {"big", "big"}, {"overflow"});
  b.node("Div", {"v", "zero"}, {"by_zero"});
  b.node("Unsqueeze", {"v", "twice"}, {"repeated_axes"});
  read_all(b, {"overflow", "by_zero", "repeated_axes"});
  folded(b, 0);
}

TEST(ImporterShapeFolding, DynamicAxesExportReshapesResolve) {
  // What torch.onnx.export emits for x.view(b, s, 12, 64) with batch and sequence dynamic.
  ModelBuilder b;
  b.input("x", {-1, -1, 768}).weight("w", {768, 768}).int64s("i0", {0}).int64s("i1", {1});
  b.int64s("heads", {12, 64});
  b.node("MatMul", {"x", "w"}, {"q"});
  b.node("Shape", {"q"}, {"s"});
  b.node("Gather", {"s", "i0"}, {"b"});
  b.node("Gather", {"s", "i1"}, {"seq"});
  b.node("Concat", {"b", "seq", "heads"}, {"target"}, "", {integer("axis", 0)});
  b.node("Reshape", {"q", "target"}, {"split"});
  b.node("Transpose", {"split"}, {"t"}, "", {ints("perm", {0, 2, 1, 3})});
  b.output("t");
  EXPECT_EQ(codesign::importer::infer_shapes(b.model(), {{{"x", {2, 7, 768}}}, 0}, "m.onnx"), 4);
  const auto& t = b.model().graph().output(0).type().tensor_type().shape();
  ASSERT_EQ(t.dim_size(), 4);
  EXPECT_EQ(t.dim(1).dim_value(), 12);
  EXPECT_EQ(t.dim(2).dim_value(), 7);
}

}  // namespace
