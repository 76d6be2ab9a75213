// `codesign import` and `--workload MODEL.onnx` end to end: the real executable on the
// weight-stripped models in tests/data/onnx/ and on bad models, which exit 2 naming the
// problem and write nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mapping/workload.hpp"
#include "onnx_builder.hpp"
#include "tests/cli/cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::tests::ModelBuilder;

std::string data(const std::string& name) {
  return std::string(CODESIGN_SOURCE_DIR) + "/tests/data/onnx/" + name;
}

class ImportCli : public codesign::tests::CliTest {
 protected:
  std::string out() const { return (dir_ / "w.json").string(); }

  // Runs `codesign import` on `model` expecting exit 2, `message` in the output and no file.
  void expect_refused(const std::string& model, const std::string& message,
                      std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"import", model, "--out", out()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = codesign(args);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(out())) << model;
  }

  std::string model_file(const std::string& name, const ModelBuilder& b) const {
    return b.write((dir_ / name).string());
  }
};

TEST_F(ImportCli, ImportsResNet50) {
  const auto r = codesign({"import", data("resnet50.onnx"), "--out", out()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* expected : {"-> 24 layers, 4,089,184,256 MACs", "conv1", "layer1_0_conv1",
                               "not run on the PE array", "Relu", "MaxPool"})
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << " in\n" << r.output;
  const auto w = codesign::mapping::load_workload(out());
  EXPECT_EQ(w.name, "resnet50");
  EXPECT_EQ(w.total_macs(), 4'089'184'256u);
}

TEST_F(ImportCli, DynamicInputNeedsItsShape) {
  expect_refused(data("bert_encoder_layer.onnx"),
                 "input 'tokens' dimension 0 is dynamic ('batch')");
  const auto r = codesign(
      {"import", data("bert_encoder_layer.onnx"), "--out", out(), "--input", "tokens=1x128x768"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(codesign::mapping::load_workload(out()).total_macs(),
            codesign::mapping::load_workload(std::string(CODESIGN_SOURCE_DIR) +
                                             "/configs/workloads/bert_base_seq128.json")
                .total_macs());
}

TEST_F(ImportCli, BatchScalesEveryLayer) {
  const auto r = codesign({"import", data("mobilenet_v2.onnx"), "--out", out(), "--batch", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(codesign::mapping::load_workload(out()).total_macs(), 2ull * 300'774'272u);
}

TEST_F(ImportCli, WhatIsNotAModelIsRefused) {
  const std::string text = (dir_ / "notes.onnx").string();
  std::ofstream(text) << "not a model\n";
  expect_refused(text, "notes.onnx: not an ONNX model");

  std::ifstream in(data("resnet50.onnx"), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string truncated = (dir_ / "truncated.onnx").string();
  std::ofstream(truncated, std::ios::binary) << bytes.str().substr(0, bytes.str().size() / 2);
  expect_refused(truncated, "truncated.onnx: not an ONNX model");
}

TEST_F(ImportCli, UnsupportedOpsetIsRefused) {
  ModelBuilder b(99);
  b.input("x", {1, 8}).weight("w", {8, 4}).output("y");
  b.node("MatMul", {"x", "w"}, {"y"}, "fc");
  expect_refused(model_file("opset99.onnx", b), "opset 99 of domain 'ai.onnx' is not supported");
}

TEST_F(ImportCli, UnsupportedProductsAreRefusedNamingTheNode) {
  ModelBuilder transposed;
  transposed.input("x", {1, 8, 4, 4}).weight("w", {8, 4, 3, 3}).output("y");
  transposed.node("ConvTranspose", {"x", "w"}, {"y"}, "/decoder/up/ConvTranspose");
  expect_refused(model_file("deconv.onnx", transposed),
                 "node '/decoder/up/ConvTranspose' (ConvTranspose): a transposed convolution is "
                 "not supported");

  ModelBuilder volumetric;
  volumetric.input("x", {1, 4, 8, 8, 8}).weight("w", {4, 4, 3, 3, 3}).output("y");
  volumetric.node("Conv", {"x", "w"}, {"y"}, "/stem/Conv");
  expect_refused(model_file("conv3d.onnx", volumetric),
                 "node '/stem/Conv' (Conv): a 3-D convolution");
}

TEST_F(ImportCli, BadInputShapesAreRefused) {
  expect_refused(data("resnet50.onnx"), "the model has no input 'img' (its inputs: 'image')",
                 {"--input", "img=1x3x224x224"});
  expect_refused(data("resnet50.onnx"), "expected NAME=D1xD2x", {"--input", "image=1x3xq"});
  expect_refused(data("resnet50.onnx"), "3 dimensions given, the input has 4",
                 {"--input", "image=3x224x224"});
}

TEST_F(ImportCli, TheModelIsNeverTheOutput) {
  const std::string model = model_file("m.onnx", [] {
    ModelBuilder b;
    b.input("x", {1, 8}).weight("w", {8, 4}).output("y");
    b.node("MatMul", {"x", "w"}, {"y"}, "fc");
    return b;
  }());
  const auto size = fs::file_size(model);
  const auto r = codesign({"import", model, "--out", model});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(fs::file_size(model), size);
}

TEST_F(ImportCli, SearchRunsOnAnOnnxModel) {
  const std::string space = std::string(CODESIGN_SOURCE_DIR) + "/configs/spaces/edge.json";
  const std::string study = (dir_ / "study.db").string();
  const auto r = codesign({"search", "--workload", data("mobilenet_v2.onnx"), "--space", space,
                           "--study", study, "--budget", "2", "--algorithm", "random",
                           "--mapper-budget", "8", "--confirm", "0", "--workers", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 trials (2 feasible)"), std::string::npos) << r.output;

  // A model whose input is dynamic: exit 2 naming the input, no study.
  const std::string refused = (dir_ / "refused.db").string();
  const auto bad = codesign({"search", "--workload", data("bert_encoder_layer.onnx"), "--space",
                             space, "--study", refused, "--budget", "1", "--confirm", "0"});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("input 'tokens' dimension 0 is dynamic"), std::string::npos)
      << bad.output;
  EXPECT_FALSE(fs::exists(refused));
}

TEST_F(ImportCli, SimulateRunsOnAnOnnxModel) {
  const auto r =
      codesign({"simulate", "--hw", std::string(CODESIGN_SOURCE_DIR) + "/configs/hw/default.json",
                "--workload", data("resnet50.onnx"), "--fidelity", "model", "--layers", "conv1,fc",
                "--mapper-budget", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("conv1"), std::string::npos) << r.output;
}

}  // namespace
