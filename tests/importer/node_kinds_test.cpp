// What becomes a layer, what is folded, what is listed, what is refused.
#include "importer/node_kinds.hpp"

#include <gtest/gtest.h>

#include "importer/model_file.hpp"
#include "onnx_builder.hpp"
#include "util/json_reader.hpp"

namespace {

using codesign::importer::GraphTensors;
using codesign::importer::NodeClassifier;
using codesign::importer::NodeKind;
using codesign::tests::ModelBuilder;
using codesign::util::ConfigError;

class ImporterNodeKinds : public ::testing::Test {
 protected:
  ImporterNodeKinds() { b_.input("x", {1, 4, 8, 8}).weight("w", {4, 4, 3, 3}); }

  // The kind of the builder's last node, or the error's message.
  std::string classify(std::map<std::string, int> opsets = {{"", 13}}) {
    const GraphTensors tensors(b_.model().graph());
    const auto& node = b_.model().graph().node(b_.model().graph().node_size() - 1);
    try {
      switch (
          NodeClassifier(opsets).classify(node, tensors, "m.onnx: node '" + node.name() + "'")) {
        case NodeKind::kLayer:
          return "layer";
        case NodeKind::kConstant:
          return "constant";
        case NodeKind::kNotMapped:
          return "not mapped";
      }
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  }

  ModelBuilder b_;
};

TEST_F(ImporterNodeKinds, ProductsOnActivationsAreLayers) {
  b_.node("Conv", {"x", "w"}, {"y"}, "conv");
  EXPECT_EQ(classify(), "layer");
  b_.node("MatMul", {"x", "x"}, {"z"}, "mm");
  EXPECT_EQ(classify(), "layer");
}

TEST_F(ImporterNodeKinds, WorkOnConstantsIsFolded) {
  b_.node("Transpose", {"w"}, {"wt"}, "t");
  EXPECT_EQ(classify(), "constant");
  b_.node("MatMul", {"w", "wt"}, {"ww"}, "mm");
  EXPECT_EQ(classify(), "constant");
  b_.node("Constant", {}, {"c"}, "k");
  EXPECT_EQ(classify(), "constant");
}

TEST_F(ImporterNodeKinds, EverythingElseIsListed) {
  for (const char* op : {"Relu", "MaxPool", "Softmax", "BatchNormalization", "Add"}) {
    b_.node(op, {"x"}, {std::string("y_") + op}, op);
    EXPECT_EQ(classify(), "not mapped") << op;
  }
}

TEST_F(ImporterNodeKinds, UnsupportedProductsAreRefusedWithTheReason) {
  b_.node("ConvTranspose", {"x", "w"}, {"y"}, "/up/ConvTranspose");
  EXPECT_EQ(classify(),
            "m.onnx: node '/up/ConvTranspose': a transposed convolution is not supported (only "
            "Conv, Gemm and MatMul are imported)");
  b_.node("QLinearConv", {"x"}, {"q"}, "qconv");
  EXPECT_NE(classify().find("node 'qconv': a quantised product"), std::string::npos);
  b_.node("LSTM", {"x"}, {"h"}, "lstm");
  EXPECT_NE(classify().find("node 'lstm': a recurrent cell"), std::string::npos);
  b_.node("Einsum", {"x", "x"}, {"e"}, "einsum");
  EXPECT_NE(classify().find("node 'einsum': Einsum"), std::string::npos);
}

TEST_F(ImporterNodeKinds, UnknownOperatorsAreRefused) {
  auto& n = b_.node("FusedConv", {"x", "w"}, {"y"}, "fused");
  n.set_domain("com.microsoft");
  EXPECT_EQ(classify({{"", 13}, {"com.microsoft", 1}}),
            "m.onnx: node 'fused': com.microsoft::FusedConv is not an ONNX operator at the "
            "model's opset, so whether it multiplies is unknown");
  b_.node("Gelu", {"x"}, {"g"}, "gelu");  // an ONNX operator only from opset 20
  EXPECT_NE(classify().find("Gelu is not an ONNX operator"), std::string::npos);
}

TEST_F(ImporterNodeKinds, ProductsInsideControlFlowAreRefused) {
  auto& loop = b_.node("Loop", {"", ""}, {"out"}, "loop");
  onnx::AttributeProto body;
  body.set_name("body");
  body.set_type(onnx::AttributeProto::GRAPH);
  auto* inner = body.mutable_g()->add_node();
  inner->set_op_type("MatMul");
  inner->set_name("inner_mm");
  *loop.add_attribute() = body;
  EXPECT_EQ(classify(),
            "m.onnx: node 'loop': its subgraph 'body' holds MatMul node 'inner_mm': products "
            "inside control flow are not imported");
}

}  // namespace
