// Layer names from node names.
#include "importer/layer_names.hpp"

#include <gtest/gtest.h>

namespace {

using codesign::importer::layer_name;
using codesign::importer::UniqueNames;

TEST(ImporterLayerNames, PyTorchScopesBecomeShortNames) {
  EXPECT_EQ(layer_name("/conv1/Conv", "Conv"), "conv1");
  EXPECT_EQ(layer_name("/layer1/layer1.0/conv1/Conv", "Conv"), "layer1_0_conv1");
  EXPECT_EQ(layer_name("/layer1/layer1.0/downsample/downsample.0/Conv", "Conv"),
            "layer1_0_downsample_0");
  EXPECT_EQ(layer_name("/features/features.1/conv/conv.0/conv.0.0/Conv", "Conv"),
            "features_1_conv_0_0");
  EXPECT_EQ(layer_name("/query/MatMul", "MatMul"), "query");
  EXPECT_EQ(layer_name("/MatMul_1", "MatMul"), "MatMul_1");  // no scope: the node's own name
}

TEST(ImporterLayerNames, OtherNamesAreSanitised) {
  EXPECT_EQ(layer_name("Conv_12", "Conv"), "Conv_12");
  EXPECT_EQ(layer_name("model/block 3:conv#1", "Conv"), "model_block_3_conv_1");
  EXPECT_EQ(layer_name("__a..b__", "Gemm"), "a_b");
  EXPECT_EQ(layer_name("", "MatMul"), "matmul");
  EXPECT_EQ(layer_name("///", "Gemm"), "gemm");
  EXPECT_EQ(layer_name("ümlaut", "Conv"), "mlaut");
}

TEST(ImporterLayerNames, TakenNamesGetASuffix) {
  UniqueNames names;
  EXPECT_EQ(names.take("fc"), "fc");
  EXPECT_EQ(names.take("fc"), "fc_2");
  EXPECT_EQ(names.take("fc"), "fc_3");
  EXPECT_EQ(names.take("fc_2"), "fc_2_2");
  EXPECT_EQ(names.take("conv"), "conv");
}

}  // namespace
