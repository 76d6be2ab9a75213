// Conv, Gemm and MatMul nodes as layers: every attribute the importer reads, each layer's
// MACs against a direct count from the ONNX operator's definition, and the refusals.
#include "importer/mac_layers.hpp"

#include <gtest/gtest.h>

#include "importer/model_file.hpp"
#include "onnx_builder.hpp"
#include "util/json_reader.hpp"

namespace {

using codesign::importer::GraphTensors;
using codesign::importer::ImportedLayer;
using codesign::importer::infer_shapes;
using codesign::importer::layer_from_node;
using codesign::mapping::LayerKind;
using codesign::tests::integer;
using codesign::tests::ints;
using codesign::tests::ModelBuilder;
using codesign::tests::text;
using codesign::util::ConfigError;

// The layer of the builder's last node, after shape inference.
ImportedLayer import_last(ModelBuilder& b) {
  infer_shapes(b.model(), {}, "test.onnx");
  const GraphTensors tensors(b.model().graph());
  const auto& node = b.model().graph().node(b.model().graph().node_size() - 1);
  return layer_from_node(node, tensors, "layer", "test.onnx: node 'n'");
}

// One Conv node on input [n, c, h, w] with weight [k, c/group, r, s].
ImportedLayer conv(std::vector<std::int64_t> x, std::vector<std::int64_t> w,
                   const std::vector<onnx::AttributeProto>& attributes) {
  ModelBuilder b;
  b.input("x", x).weight("w", w).output("y");
  b.node("Conv", {"x", "w"}, {"y"}, "n", attributes);
  return import_last(b);
}

// MACs of a 2-D convolution by the operator's definition, with per-side pads
// {top, left, bottom, right}.
std::uint64_t conv_macs(std::int64_t n, std::int64_t c, std::int64_t h, std::int64_t w,
                        std::int64_t k, std::int64_t r, std::int64_t s, std::int64_t group,
                        std::int64_t stride, std::vector<std::int64_t> pads,
                        std::int64_t dilation) {
  const std::int64_t p = (h + pads[0] + pads[2] - dilation * (r - 1) - 1) / stride + 1;
  const std::int64_t q = (w + pads[1] + pads[3] - dilation * (s - 1) - 1) / stride + 1;
  return static_cast<std::uint64_t>(n * k * p * q * (c / group) * r * s);
}

TEST(ImporterConv, PlainConvolutionKeepsEveryDimension) {
  const auto l =
      conv({2, 3, 32, 30}, {16, 3, 5, 3}, {ints("strides", {2, 2}), ints("pads", {2, 1, 2, 1})})
          .layer;
  EXPECT_EQ(l.kind, LayerKind::kConv2d);
  EXPECT_EQ(l.name, "layer");
  EXPECT_EQ(l.n, 2);
  EXPECT_EQ(l.c, 3);
  EXPECT_EQ(l.h, 34);  // pads 2 and 1 per axis: padding 1, the height's extra 1 + 1 as input
  EXPECT_EQ(l.w, 30);
  EXPECT_EQ(l.k, 16);
  EXPECT_EQ(l.r, 5);
  EXPECT_EQ(l.s, 3);
  EXPECT_EQ(l.stride, 2);
  EXPECT_EQ(l.padding, 1);
  EXPECT_EQ(l.p(), 16);
  EXPECT_EQ(l.q(), 15);
  EXPECT_EQ(l.macs(), conv_macs(2, 3, 32, 30, 16, 5, 3, 1, 2, {2, 1, 2, 1}, 1));
}

TEST(ImporterConv, SymmetricPaddingIsThePadding) {
  const ImportedLayer i = conv({1, 8, 14, 14}, {8, 8, 3, 3}, {ints("pads", {1, 1, 1, 1})});
  EXPECT_EQ(i.layer.padding, 1);
  EXPECT_EQ(i.layer.h, 14);
  EXPECT_TRUE(i.note.empty());
  EXPECT_EQ(i.layer.p(), 14);
}

TEST(ImporterConv, GroupsAndDepthwise) {
  const auto grouped = conv({1, 32, 16, 16}, {64, 8, 3, 3}, {integer("group", 4)}).layer;
  EXPECT_EQ(grouped.groups, 4);
  EXPECT_EQ(grouped.c, 32);
  EXPECT_EQ(grouped.k, 64);
  EXPECT_EQ(grouped.macs(), conv_macs(1, 32, 16, 16, 64, 3, 3, 4, 1, {0, 0, 0, 0}, 1));
  const auto depthwise =
      conv({1, 96, 112, 112}, {96, 1, 3, 3},
           {integer("group", 96), ints("strides", {2, 2}), ints("pads", {1, 1, 1, 1})})
          .layer;
  EXPECT_EQ(depthwise.groups, 96);
  EXPECT_EQ(depthwise.c_per_group(), 1);
  EXPECT_EQ(depthwise.p(), 56);
  EXPECT_EQ(depthwise.macs(), conv_macs(1, 96, 112, 112, 96, 3, 3, 96, 2, {1, 1, 1, 1}, 1));
}

TEST(ImporterConv, DilationsAndTheirIrrelevanceOnAUnitKernelAxis) {
  const auto d =
      conv({1, 4, 20, 20}, {4, 4, 3, 3}, {ints("dilations", {2, 2}), ints("pads", {2, 2, 2, 2})})
          .layer;
  EXPECT_EQ(d.dilation, 2);
  EXPECT_EQ(d.p(), 20);
  // A 3x1 kernel: the width dilation does not matter.
  const auto tall = conv({1, 4, 20, 20}, {4, 4, 3, 1}, {ints("dilations", {3, 1})}).layer;
  EXPECT_EQ(tall.dilation, 3);
  EXPECT_EQ(tall.macs(), conv_macs(1, 4, 20, 20, 4, 3, 1, 1, 1, {0, 0, 0, 0}, 3));
  EXPECT_THROW(conv({1, 4, 20, 20}, {4, 4, 3, 3}, {ints("dilations", {2, 1})}), ConfigError);
}

TEST(ImporterConv, AsymmetricPadsWidenTheInputWithTheSameOutputAndMacs) {
  // TensorFlow-style "same" padding at stride 2: nothing on top and left, one on the rest.
  const ImportedLayer i =
      conv({1, 3, 224, 224}, {32, 3, 3, 3}, {ints("strides", {2, 2}), ints("pads", {0, 0, 1, 1})});
  EXPECT_EQ(i.layer.padding, 0);
  EXPECT_EQ(i.layer.h, 225);
  EXPECT_EQ(i.layer.w, 225);
  EXPECT_EQ(i.layer.p(), 112);
  EXPECT_EQ(i.layer.macs(), conv_macs(1, 3, 224, 224, 32, 3, 3, 1, 2, {0, 0, 1, 1}, 1));
  EXPECT_NE(i.note.find("differ between sides"), std::string::npos);
  // Different pads per axis: the smallest is the padding.
  const ImportedLayer j = conv({1, 2, 10, 12}, {2, 2, 3, 5}, {ints("pads", {1, 2, 1, 3})});
  EXPECT_EQ(j.layer.padding, 1);
  EXPECT_EQ(j.layer.h, 10);
  EXPECT_EQ(j.layer.w, 15);
  EXPECT_EQ(j.layer.macs(), conv_macs(1, 2, 10, 12, 2, 3, 5, 1, 1, {1, 2, 1, 3}, 1));
}

TEST(ImporterConv, AutoPadAsOnnxDefinesIt) {
  // SAME_UPPER at stride 2 on 224: output 112, total pad 1, the extra one at the end.
  const ImportedLayer upper = conv({1, 3, 224, 224}, {8, 3, 3, 3},
                                   {ints("strides", {2, 2}), text("auto_pad", "SAME_UPPER")});
  EXPECT_EQ(upper.layer.p(), 112);
  EXPECT_EQ(upper.layer.macs(), conv_macs(1, 3, 224, 224, 8, 3, 3, 1, 2, {0, 0, 1, 1}, 1));
  const ImportedLayer lower = conv({1, 3, 224, 224}, {8, 3, 3, 3},
                                   {ints("strides", {2, 2}), text("auto_pad", "SAME_LOWER")});
  EXPECT_EQ(lower.layer.macs(), conv_macs(1, 3, 224, 224, 8, 3, 3, 1, 2, {1, 1, 0, 0}, 1));
  const ImportedLayer same = conv({1, 3, 15, 15}, {8, 3, 3, 3}, {text("auto_pad", "SAME_UPPER")});
  EXPECT_EQ(same.layer.padding, 1);
  EXPECT_TRUE(same.note.empty());
  const ImportedLayer valid = conv({1, 3, 15, 15}, {8, 3, 3, 3}, {text("auto_pad", "VALID")});
  EXPECT_EQ(valid.layer.padding, 0);
  EXPECT_EQ(valid.layer.p(), 13);
}

TEST(ImporterConv, OneDimensionalConvolutionIsOneRowHigh) {
  const auto l = conv({4, 16, 100}, {32, 16, 5},
                      {ints("strides", {2}), ints("pads", {2, 2}), ints("dilations", {2})})
                     .layer;
  EXPECT_EQ(l.h, 1);
  EXPECT_EQ(l.r, 1);
  EXPECT_EQ(l.w, 104);  // no padding along the height: the row's pads become input
  EXPECT_EQ(l.s, 5);
  EXPECT_EQ(l.stride, 2);
  EXPECT_EQ(l.dilation, 2);
  EXPECT_EQ(l.padding, 0);
  EXPECT_EQ(l.q(), (100 + 4 - 2 * 4 - 1) / 2 + 1);
  EXPECT_EQ(l.macs(), 4ull * 32 * l.q() * 16 * 5);
}

TEST(ImporterConv, StridesDifferingWhereTheyMatterAreRefused) {
  try {
    conv({1, 4, 20, 20}, {4, 4, 3, 3}, {ints("strides", {2, 1})});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("test.onnx: node 'n': strides [2, 1] differ"),
              std::string::npos)
        << e.what();
  }
  // A height of one output row whatever the stride: the width's stride is the stride.
  const auto row = conv({1, 4, 1, 20}, {4, 4, 1, 3}, {ints("strides", {2, 3})}).layer;
  EXPECT_EQ(row.stride, 3);
  EXPECT_EQ(row.p(), 1);
  EXPECT_EQ(row.q(), 6);
}

TEST(ImporterConv, ThreeDimensionalConvolutionIsRefused) {
  try {
    conv({1, 4, 8, 8, 8}, {4, 4, 3, 3, 3}, {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("node 'n': a 3-D convolution"), std::string::npos)
        << e.what();
  }
}

TEST(ImporterConv, DimensionsBeyondTheWorkloadRangeAreRefused) {
  EXPECT_THROW(conv({1, 3, 2000000, 1}, {4, 3, 1, 1}, {}), ConfigError);
  // Attributes far out of range are refused before any arithmetic on them.
  const std::int64_t huge = std::int64_t{1} << 62;
  EXPECT_THROW(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {ints("pads", {huge, huge, huge, huge})}),
               ConfigError);
  EXPECT_THROW(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {ints("pads", {-1, 0, 0, 0})}), ConfigError);
  EXPECT_THROW(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {ints("strides", {0, 0})}), ConfigError);
}

// A Gemm or MatMul node; `constant` names the operands that are initializers.
ImportedLayer product(const std::string& op, std::vector<std::int64_t> a,
                      std::vector<std::int64_t> b, const std::string& constant,
                      const std::vector<onnx::AttributeProto>& attributes = {}) {
  ModelBuilder m;
  if (constant.find('a') != std::string::npos)
    m.weight("a", a);
  else
    m.input("a", a);
  if (constant.find('b') != std::string::npos)
    m.weight("b", b);
  else
    m.input("b", b);
  m.output("y");
  m.node(op, {"a", "b"}, {"y"}, "n", attributes);
  return import_last(m);
}

void expect_fc(const codesign::mapping::Layer& l, int batch, int in, int out) {
  EXPECT_EQ(l.kind, LayerKind::kFullyConnected);
  EXPECT_EQ(l.n, batch);
  EXPECT_EQ(l.c, in);
  EXPECT_EQ(l.k, out);
  EXPECT_EQ(l.macs(), static_cast<std::uint64_t>(batch) * in * out);
}

void expect_matmul(const codesign::mapping::Layer& l, int batch, int m, int k, int n) {
  EXPECT_EQ(l.kind, LayerKind::kMatmul);
  EXPECT_EQ(l.groups, batch);
  EXPECT_EQ(l.h, m);
  EXPECT_EQ(l.c_per_group(), k);
  EXPECT_EQ(l.k_per_group(), n);
  EXPECT_EQ(l.macs(), static_cast<std::uint64_t>(batch) * m * k * n);
}

TEST(ImporterGemm, WeightOperandMakesAFullyConnectedLayer) {
  expect_fc(product("Gemm", {8, 2048}, {2048, 1000}, "b").layer, 8, 2048, 1000);
  expect_fc(product("Gemm", {8, 2048}, {1000, 2048}, "b", {integer("transB", 1)}).layer, 8, 2048,
            1000);
  expect_fc(
      product("Gemm", {2048, 8}, {1000, 2048}, "b", {integer("transA", 1), integer("transB", 1)})
          .layer,
      8, 2048, 1000);
  // The weight on the left: Y = W X is Y^T = X^T W^T, batch the columns of X.
  expect_fc(product("Gemm", {64, 256}, {256, 10}, "a").layer, 10, 256, 64);
}

TEST(ImporterGemm, TwoActivationsMakeAMatmul) {
  expect_matmul(product("Gemm", {32, 64}, {64, 16}, "").layer, 1, 32, 64, 16);
}

TEST(ImporterGemm, OperandsThatDoNotMultiplyAreRefused) {
  EXPECT_THROW(product("Gemm", {8, 100}, {1000, 2048}, "b", {integer("transB", 1)}), ConfigError);
}

TEST(ImporterMatMul, LinearLayerOnASequenceFoldsTheBatchIntoRows) {
  // nn.Linear on [batch, sequence, hidden] as PyTorch exports it: MatMul with a weight.
  expect_fc(product("MatMul", {2, 128, 768}, {768, 3072}, "b").layer, 256, 768, 3072);
  expect_fc(product("MatMul", {768}, {768, 10}, "b").layer, 1, 768, 10);
}

TEST(ImporterMatMul, AttentionIsABatchedProductOfActivations) {
  // Q K^T and softmax(.) V of 12 heads.
  expect_matmul(product("MatMul", {1, 12, 128, 64}, {1, 12, 64, 128}, "").layer, 12, 128, 64, 128);
  expect_matmul(product("MatMul", {2, 12, 128, 128}, {2, 12, 128, 64}, "").layer, 24, 128, 128, 64);
}

TEST(ImporterMatMul, BroadcastBatchDimensions) {
  // [2, 1] against [1, 3]: six products, each operand reused.
  expect_matmul(product("MatMul", {2, 1, 5, 7}, {1, 3, 7, 4}, "").layer, 6, 5, 7, 4);
  // A shared right operand (an activation): one matrix, the batch folded into the rows.
  expect_matmul(product("MatMul", {3, 5, 7}, {7, 4}, "").layer, 1, 15, 7, 4);
  // A shared left operand: the batch folded into the columns.
  expect_matmul(product("MatMul", {5, 7}, {3, 7, 4}, "").layer, 1, 5, 7, 12);
  // A shared constant on the left: a weight, the batch's columns its rows.
  expect_fc(product("MatMul", {5, 7}, {3, 7, 4}, "a").layer, 12, 7, 5);
  // A constant with batch dimensions is not shared: a batched product.
  expect_matmul(product("MatMul", {3, 5, 7}, {3, 7, 4}, "b").layer, 3, 5, 7, 4);
}

TEST(ImporterMatMul, OperandsThatDoNotMultiplyAreRefused) {
  ModelBuilder m;
  m.input("a", {4, 5}).input("b", {6, 7}).output("y");
  m.node("MatMul", {"a", "b"}, {"y"}, "n");
  // Shape inference in strict mode already refuses it, naming the node.
  EXPECT_THROW(import_last(m), ConfigError);
}

}  // namespace
