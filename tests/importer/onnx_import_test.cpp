// Whole models: a small graph built here, and the weight-stripped PyTorch exports in
// tests/data/onnx/ against the shipped workloads (ResNet-50, BERT-base) and PyTorch's own
// count of MobileNetV2's MACs.
#include "importer/onnx_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "importer/workload_source.hpp"
#include "onnx_builder.hpp"
#include "util/json_reader.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::importer::import_onnx;
using codesign::importer::ImportResult;
using codesign::mapping::Layer;
using codesign::mapping::LayerKind;
using codesign::mapping::Workload;
using codesign::tests::integer;
using codesign::tests::ints;
using codesign::tests::ModelBuilder;

std::string data(const std::string& name) {
  return std::string(CODESIGN_SOURCE_DIR) + "/tests/data/onnx/" + name;
}

std::string shipped(const std::string& name) {
  return std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/" + name;
}

// Every layer occurrence (repeats expanded) as its shape without the name: two workloads
// with equal multisets run the same layers the same number of times.
std::map<std::string, int> occurrences(const Workload& w) {
  std::map<std::string, int> out;
  for (const Layer& l : w.layers) {
    nlohmann::json j = codesign::mapping::to_json(l);
    j.erase("name");
    j.erase("repeat");
    out[j.dump()] += l.repeat;
  }
  return out;
}

// A block: conv -> relu -> conv (same shape) -> relu -> global pool -> flatten -> gemm.
ModelBuilder small_network() {
  ModelBuilder b;
  b.input("x", {1, 8, 16, 16})
      .weight("w1", {8, 8, 3, 3})
      .weight("w2", {8, 8, 3, 3})
      .weight("fc_w", {10, 8})
      .output("y");
  const auto pads = ints("pads", {1, 1, 1, 1});
  b.node("Conv", {"x", "w1"}, {"c1"}, "/block/conv/Conv", {pads});
  b.node("Relu", {"c1"}, {"r1"}, "/block/relu/Relu");
  b.node("Conv", {"r1", "w2"}, {"c2"}, "/block/conv/Conv_1", {pads});
  b.node("Relu", {"c2"}, {"r2"}, "/block/relu_1/Relu");
  b.node("GlobalAveragePool", {"r2"}, {"p"}, "/pool/GlobalAveragePool");
  b.node("Flatten", {"p"}, {"f"}, "/Flatten");
  b.node("Identity", {"fc_w"}, {"fc_w2"}, "Identity_0");
  b.node("Gemm", {"f", "fc_w2"}, {"y"}, "/fc/Gemm", {integer("transB", 1)});
  return b;
}

std::string onnx_import_path(const std::string& name) {
  return (fs::path(::testing::TempDir()) / ("onnx_import_" + name)).string();
}

TEST(ImporterOnnxImport, SmallNetwork) {
  const ImportResult r = import_onnx(small_network().write(onnx_import_path("small.onnx")));
  EXPECT_EQ(r.workload.name, "onnx_import_small");
  EXPECT_EQ(r.opset, 13);
  EXPECT_EQ(r.nodes, 8);
  EXPECT_EQ(r.layer_nodes, 3);
  ASSERT_EQ(r.workload.layers.size(), 2u);
  EXPECT_EQ(r.workload.layers[0].name, "block_conv");  // the second conv merged into it
  EXPECT_EQ(r.workload.layers[0].repeat, 2);
  EXPECT_EQ(r.workload.layers[1].name, "fc");
  EXPECT_EQ(r.workload.layers[1].kind, LayerKind::kFullyConnected);
  EXPECT_EQ(r.workload.total_macs(), 2ull * 16 * 16 * 8 * 8 * 9 + 8 * 10);
  EXPECT_EQ(r.constant_nodes, 1);  // the Identity of a weight
  ASSERT_EQ(r.not_mapped.size(), 3u);
  EXPECT_EQ(r.not_mapped[0].op_type, "Relu");
  EXPECT_EQ(r.not_mapped[0].nodes, 2);
  EXPECT_EQ(r.not_mapped[0].elements, 2u * 8 * 16 * 16);
  EXPECT_EQ(r.not_mapped[1].op_type, "GlobalAveragePool");
  EXPECT_EQ(r.not_mapped[1].elements, 8u);
  EXPECT_EQ(r.not_mapped[2].op_type, "Flatten");
  const std::string s = codesign::importer::summary(r);
  for (const char* expected :
       {"opset 13, 8 nodes: 3 products -> 2 layers, 294,992 MACs", "block_conv",
        "not run on the PE array", "Relu", "4,096", "1 nodes computing on constants only"})
    EXPECT_NE(s.find(expected), std::string::npos) << expected << " in\n" << s;
}

TEST(ImporterOnnxImport, SameNamesAreMadeUnique) {
  ModelBuilder b;
  b.input("x", {4, 8}).weight("w1", {8, 8}).weight("w2", {8, 16}).output("y");
  b.node("MatMul", {"x", "w1"}, {"h"}, "dense");
  b.node("MatMul", {"h", "w2"}, {"y"}, "dense");
  const ImportResult r = import_onnx(b.write(onnx_import_path("names.onnx")));
  ASSERT_EQ(r.workload.layers.size(), 2u);
  EXPECT_EQ(r.workload.layers[0].name, "dense");
  EXPECT_EQ(r.workload.layers[1].name, "dense_2");
}

TEST(ImporterOnnxImport, AsymmetricPaddingIsNoted) {
  ModelBuilder b;
  b.input("x", {1, 3, 32, 32}).weight("w", {8, 3, 3, 3}).output("y");
  b.node("Conv", {"x", "w"}, {"y"}, "stem", {ints("strides", {2, 2}), ints("pads", {0, 0, 1, 1})});
  const ImportResult r = import_onnx(b.write(onnx_import_path("asym.onnx")));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(codesign::importer::summary(r).find("note: stem: pads [0, 0, 1, 1]"),
            std::string::npos);
}

TEST(ImporterOnnxImport, AModelWithoutProductsIsRefused) {
  ModelBuilder b;
  b.input("x", {1, 8}).output("y");
  b.node("Relu", {"x"}, {"y"}, "relu");
  EXPECT_THROW(import_onnx(b.write(onnx_import_path("relu.onnx"))), codesign::util::ConfigError);
}

TEST(ImporterOnnxImport, ResNet50EqualsTheShippedWorkloadMacForMac) {
  const ImportResult r = import_onnx(data("resnet50.onnx"));
  const Workload reference = codesign::mapping::load_workload(shipped("resnet50.json"));
  EXPECT_EQ(r.layer_nodes, 54);  // 53 convolutions and the classifier
  EXPECT_EQ(occurrences(r.workload), occurrences(reference));
  EXPECT_EQ(r.workload.total_macs(), reference.total_macs());
  EXPECT_EQ(r.workload.total_macs(), 4'089'184'256u);
  EXPECT_EQ(r.workload.layers.front().name, "conv1");
  EXPECT_EQ(r.workload.layers.back().name, "fc");
  // Batch-norm was folded into the convolutions by the export: what is left besides them.
  std::map<std::string, int> ops;
  for (const auto& n : r.not_mapped) ops[n.op_type] = n.nodes;
  EXPECT_EQ(
      ops,
      (std::map<std::string, int>{
          {"Relu", 49}, {"Add", 16}, {"MaxPool", 1}, {"GlobalAveragePool", 1}, {"Flatten", 1}}));
}

TEST(ImporterOnnxImport, ResNet50AtABatchOfFour) {
  const ImportResult r = import_onnx(data("resnet50.onnx"), {{}, 4});
  EXPECT_EQ(r.workload.total_macs(), 4ull * 4'089'184'256u);
  EXPECT_EQ(r.workload.layers.front().n, 4);
  EXPECT_EQ(r.workload.layers.back().n, 4);  // the classifier's batch
}

TEST(ImporterOnnxImport, BertLayerMatmulsEqualTheShippedBertWorkloads) {
  for (int sequence : {128, 512}) {
    const ImportResult r =
        import_onnx(data("bert_encoder_layer.onnx"), {{{"tokens", {1, sequence, 768}}}, 0});
    const Workload reference = codesign::mapping::load_workload(
        shipped("bert_base_seq" + std::to_string(sequence) + ".json"));
    EXPECT_EQ(occurrences(r.workload), occurrences(reference)) << "sequence " << sequence;
    EXPECT_EQ(r.workload.total_macs(), reference.total_macs());
    EXPECT_EQ(r.layer_nodes, 8);
    std::vector<std::string> names;
    for (const Layer& l : r.workload.layers) names.push_back(l.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"query", "MatMul", "MatMul_1", "intermediate", "output"}));
  }
}

TEST(ImporterOnnxImport, BertLayerNeedsItsDynamicShape) {
  try {
    import_onnx(data("bert_encoder_layer.onnx"));
    FAIL() << "no error";
  } catch (const codesign::util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("input 'tokens' dimension 0 is dynamic ('batch')"),
              std::string::npos)
        << e.what();
  }
}

TEST(ImporterOnnxImport, MobileNetV2EqualsPyTorchsOwnCount) {
  const ImportResult r = import_onnx(data("mobilenet_v2.onnx"));
  const nlohmann::json reference = codesign::util::read_json_file(data("mobilenet_v2.macs.json"));
  std::multiset<std::uint64_t> expected, imported;
  for (const auto& m : reference.at("macs")) expected.insert(m.get<std::uint64_t>());
  int depthwise = 0;
  for (const Layer& l : r.workload.layers) {
    for (int i = 0; i < l.repeat; ++i) imported.insert(l.macs());
    if (l.groups > 1 && l.groups == l.c && l.groups == l.k) depthwise += l.repeat;
  }
  EXPECT_EQ(imported, expected);
  EXPECT_EQ(r.layer_nodes, 53);
  EXPECT_EQ(depthwise, 17);
  EXPECT_EQ(r.workload.total_macs(), 300'774'272u);
}

TEST(ImporterWorkloadSource, DispatchesByFileType) {
  EXPECT_TRUE(codesign::importer::is_onnx_file("a/b/model.onnx"));
  EXPECT_TRUE(codesign::importer::is_onnx_file("MODEL.ONNX"));
  EXPECT_FALSE(codesign::importer::is_onnx_file("resnet50.json"));
  EXPECT_FALSE(codesign::importer::is_onnx_file("onnx"));
  const Workload from_onnx = codesign::importer::load_workload_file(data("resnet50.onnx"));
  const Workload from_json = codesign::importer::load_workload_file(shipped("resnet50.json"));
  EXPECT_EQ(from_onnx.total_macs(), from_json.total_macs());
}

}  // namespace
