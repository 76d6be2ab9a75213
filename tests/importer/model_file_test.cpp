// Reading a model: what is not ONNX, a truncated file, opsets and IR versions out of range,
// input shapes from the user, dynamic dimensions, shape inference.
#include "importer/model_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "onnx_builder.hpp"
#include "util/json_reader.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::importer::infer_shapes;
using codesign::importer::InputShape;
using codesign::importer::parse_input_shape;
using codesign::importer::read_model;
using codesign::importer::ShapeOptions;
using codesign::tests::ModelBuilder;
using codesign::util::ConfigError;

std::string temp(const std::string& name) {
  return (fs::path(::testing::TempDir()) / ("model_file_" + name)).string();
}

std::string write_bytes(const std::string& name, const std::string& bytes) {
  const std::string p = temp(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// The error read_model or infer_shapes throws, or "" if none.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

ModelBuilder small_conv(std::vector<std::int64_t> input = {1, 3, 8, 8}, int opset = 13) {
  ModelBuilder b(opset);
  b.input("image", input).weight("w", {4, 3, 3, 3}).output("y");
  b.node("Conv", {"image", "w"}, {"y"}, "conv");
  return b;
}

TEST(ImporterInputShape, ParsesNameAndDims) {
  const InputShape s = parse_input_shape("image=1x3x224x224");
  EXPECT_EQ(s.name, "image");
  EXPECT_EQ(s.dims, (std::vector<std::int64_t>{1, 3, 224, 224}));
  EXPECT_EQ(parse_input_shape("a=b=7").name, "a=b");  // the last '=' separates
}

TEST(ImporterInputShape, RefusesMalformedText) {
  for (const char* bad : {"image", "=1x3", "image=", "image=1x0", "image=1xx3", "image=1x3x",
                          "image=-1x3", "image=1x3.5", "image=99999999999"})
    EXPECT_NE(error_of([&] { parse_input_shape(bad); }).find("expected NAME=D1xD2x"),
              std::string::npos)
        << bad;
}

TEST(ImporterReadModel, ReadsAModel) {
  const onnx::ModelProto m = read_model(small_conv().write(temp("ok.onnx")));
  EXPECT_EQ(m.graph().node_size(), 1);
  EXPECT_EQ(codesign::importer::default_opset(m), 13);
}

TEST(ImporterReadModel, RefusesWhatIsNotAModel) {
  const std::string json = write_bytes("json.onnx", "{\"name\": \"dqn\", \"layers\": []}\n");
  EXPECT_NE(error_of([&] { read_model(json); }).find("json.onnx: not an ONNX model"),
            std::string::npos);
  const std::string empty = write_bytes("empty.onnx", "");
  EXPECT_NE(error_of([&] { read_model(empty); }).find("empty file"), std::string::npos);
  EXPECT_NE(error_of([&] { read_model(temp("missing.onnx")); }).find("cannot open"),
            std::string::npos);
}

TEST(ImporterReadModel, RefusesATruncatedModelAtEveryLength) {
  const std::string bytes = small_conv().model().SerializeAsString();
  for (std::size_t n = 1; n < bytes.size(); ++n) {
    const std::string p = write_bytes("truncated.onnx", bytes.substr(0, n));
    EXPECT_NE(error_of([&] { read_model(p); }), "") << "truncated to " << n << " bytes";
  }
}

TEST(ImporterReadModel, RefusesOpsetsAndIrVersionsTheLibraryDoesNotKnow) {
  const std::string newer = small_conv({1, 3, 8, 8}, 99).write(temp("opset99.onnx"));
  EXPECT_NE(error_of([&] { read_model(newer); })
                .find("opset99.onnx: opset 99 of domain 'ai.onnx' is not supported (accepted: 1 "
                      "to "),
            std::string::npos);
  ModelBuilder future = small_conv();
  future.model().set_ir_version(1000);
  const std::string ir = future.write(temp("ir.onnx"));
  EXPECT_NE(error_of([&] { read_model(ir); }).find("IR version 1000"), std::string::npos);
  ModelBuilder none = small_conv();
  none.model().clear_opset_import();
  const std::string no_opset = none.write(temp("no_opset.onnx"));
  EXPECT_NE(error_of([&] { read_model(no_opset); }).find("no opset for the default domain"),
            std::string::npos);
}

TEST(ImporterInferShapes, InfersEveryValue) {
  ModelBuilder b = small_conv();
  infer_shapes(b.model(), {}, "m.onnx");
  const auto& out = b.model().graph().output(0).type().tensor_type().shape();
  ASSERT_EQ(out.dim_size(), 4);
  EXPECT_EQ(out.dim(1).dim_value(), 4);
  EXPECT_EQ(out.dim(2).dim_value(), 6);
}

TEST(ImporterInferShapes, DynamicDimensionNamesTheInputAndTheFix) {
  ModelBuilder b = small_conv({-1, 3, 8, 8});
  const std::string e = error_of([&] { infer_shapes(b.model(), {}, "m.onnx"); });
  EXPECT_NE(e.find("m.onnx: input 'image' dimension 0 is dynamic ('batch')"), std::string::npos)
      << e;
  EXPECT_NE(e.find("--input image=?x3x8x8"), std::string::npos) << e;
}

TEST(ImporterInferShapes, InputShapeOrBatchFixesDynamicDimensions) {
  ModelBuilder given = small_conv({-1, 3, -1, -1});
  infer_shapes(given.model(), {{{"image", {2, 3, 10, 10}}}, 0}, "m.onnx");
  EXPECT_EQ(given.model().graph().output(0).type().tensor_type().shape().dim(2).dim_value(), 8);
  ModelBuilder batched = small_conv({-1, 3, 8, 8});
  infer_shapes(batched.model(), {{}, 5}, "m.onnx");
  EXPECT_EQ(batched.model().graph().output(0).type().tensor_type().shape().dim(0).dim_value(), 5);
  // --batch leaves the inputs given by --input alone, and overrides a fixed dimension 0.
  ModelBuilder both = small_conv({1, 3, 8, 8});
  infer_shapes(both.model(), {{{"image", {3, 3, 8, 8}}}, 7}, "m.onnx");
  EXPECT_EQ(both.model().graph().output(0).type().tensor_type().shape().dim(0).dim_value(), 3);
  ModelBuilder only_batch = small_conv({1, 3, 8, 8});
  infer_shapes(only_batch.model(), {{}, 7}, "m.onnx");
  EXPECT_EQ(only_batch.model().graph().output(0).type().tensor_type().shape().dim(0).dim_value(),
            7);
}

TEST(ImporterInferShapes, RefusesInputShapesThatDoNotFit) {
  ModelBuilder b = small_conv();
  EXPECT_NE(error_of([&] {
              infer_shapes(b.model(), {{{"img", {1, 3, 8, 8}}}, 0}, "m.onnx");
            }).find("the model has no input 'img' (its inputs: 'image')"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              infer_shapes(b.model(), {{{"image", {1, 3, 8}}}, 0}, "m.onnx");
            }).find("3 dimensions given, the input has 4"),
            std::string::npos);
}

TEST(ImporterInferShapes, InconsistentShapesNameTheNode) {
  ModelBuilder b;
  b.input("x", {-1, 8}).weight("w", {8, 4}).output("y");
  b.node("MatMul", {"x", "w"}, {"y"}, "dense");
  const std::string e = error_of([&] { infer_shapes(b.model(), {{{"x", {2, 9}}}, 0}, "m.onnx"); });
  EXPECT_NE(e.find("m.onnx: shape inference failed"), std::string::npos) << e;
  EXPECT_NE(e.find("dense"), std::string::npos) << e;
}

TEST(ImporterInferShapes, StridesOfZeroAreRefusedBeforeTheLibraryDividesByThem) {
  ModelBuilder b;
  b.input("x", {1, 3, 8, 8}).output("y");
  b.node("MaxPool", {"x"}, {"y"}, "pool",
         {codesign::tests::ints("kernel_shape", {2, 2}), codesign::tests::ints("strides", {0, 2})});
  EXPECT_EQ(error_of([&] { infer_shapes(b.model(), {}, "m.onnx"); }),
            "m.onnx: node 'pool' (MaxPool): strides: expected values >= 1, got 0");
}

TEST(ImporterInferShapes, InitializersListedAsInputsAreNotInputs) {
  ModelBuilder b = small_conv();
  // Older exporters (IR < 4) list every weight among the graph's inputs, without a batch.
  auto* w = b.model().mutable_graph()->add_input();
  w->set_name("w");
  w->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  for (int d : {4, 3, 3, 3})
    w->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
  ASSERT_EQ(codesign::importer::real_inputs(b.model().graph()).size(), 1u);
  infer_shapes(b.model(), {{}, 2}, "m.onnx");  // the weight's dimension 0 stays 4
  EXPECT_EQ(b.model().graph().input(1).type().tensor_type().shape().dim(0).dim_value(), 4);
}

}  // namespace
