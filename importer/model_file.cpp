#include "importer/model_file.hpp"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "importer/shape_folding.hpp"
#include "util/json_reader.hpp"

namespace codesign::importer {

using util::ConfigError;

namespace {

std::string join_dims(const std::vector<std::string>& dims) {
  std::string s;
  for (const std::string& d : dims) s += (s.empty() ? "" : "x") + d;
  return s;
}

bool is_default_domain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

// Every dimension of `input` as the user would write it, "?" where it is not a known size.
std::vector<std::string> dims_as_text(const onnx::TensorShapeProto& shape) {
  std::vector<std::string> out;
  for (const auto& d : shape.dim())
    out.push_back(d.has_dim_value() && d.dim_value() > 0 ? std::to_string(d.dim_value()) : "?");
  return out;
}

onnx::TensorShapeProto* shape_of(onnx::ValueInfoProto& input, const std::string& file) {
  if (!input.type().has_tensor_type())
    throw ConfigError(file + ": input '" + input.name() + "' is not a tensor");
  return input.mutable_type()->mutable_tensor_type()->mutable_shape();
}

void set_dims(onnx::TensorShapeProto& shape, const std::vector<std::int64_t>& dims) {
  shape.clear_dim();
  for (std::int64_t d : dims) shape.add_dim()->set_dim_value(d);
}

// Throws naming the first dimension of `input` that is not a known size.
void require_static(const onnx::ValueInfoProto& input, const std::string& file) {
  const std::string fix =
      "give its shape with `codesign import " + file + " --input " + input.name() + "=";
  if (!input.type().tensor_type().has_shape())
    throw ConfigError(file + ": input '" + input.name() + "' has no shape: " + fix + "D1xD2x...`");
  const onnx::TensorShapeProto& shape = input.type().tensor_type().shape();
  for (int i = 0; i < shape.dim_size(); ++i) {
    const auto& d = shape.dim(i);
    if (d.has_dim_value() && d.dim_value() > 0) continue;
    const std::string what = d.has_dim_param() ? "is dynamic ('" + d.dim_param() + "')"
                             : d.has_dim_value()
                                 ? "is " + std::to_string(d.dim_value()) + ", not a size"
                                 : "is unknown";
    throw ConfigError(file + ": input '" + input.name() + "' dimension " + std::to_string(i) + " " +
                      what + ": " + fix + join_dims(dims_as_text(shape)) +
                      " --out W.json` (each ? a size), or --batch N for dimension 0");
  }
}

// ONNX 1.12's shape inference divides by strides and dilations without checking them (a
// stride of 0 kills the process with SIGFPE): refuse them first, in subgraphs too.
void check_divisors(const onnx::GraphProto& graph, const std::string& file) {
  for (const auto& node : graph.node())
    for (const auto& a : node.attribute()) {
      if (a.name() == "strides" || a.name() == "dilations")
        for (std::int64_t v : a.ints())
          if (v < 1)
            throw ConfigError(file + ": node '" + node.name() + "' (" + node.op_type() + "): " +
                              a.name() + ": expected values >= 1, got " + std::to_string(v));
      if (a.has_g()) check_divisors(a.g(), file);
      for (const auto& g : a.graphs()) check_divisors(g, file);
    }
}

}  // namespace

InputShape parse_input_shape(const std::string& text) {
  const std::string usage =
      "--input " + text + ": expected NAME=D1xD2x... with every D an integer >= 1";
  const std::size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) throw ConfigError(usage);
  InputShape s;
  s.name = text.substr(0, eq);
  std::stringstream dims(text.substr(eq + 1));
  std::string d;
  while (std::getline(dims, d, 'x')) {
    if (d.empty() || d.size() > 9 || d.find_first_not_of("0123456789") != std::string::npos)
      throw ConfigError(usage);
    const std::int64_t v = std::stoll(d);
    if (v < 1) throw ConfigError(usage);
    s.dims.push_back(v);
  }
  if (s.dims.empty() || text.back() == 'x') throw ConfigError(usage);
  return s;
}

onnx::ModelProto read_model(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file + ": cannot open");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) throw ConfigError(file + ": empty file, not an ONNX model");
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes))
    throw ConfigError(file +
                      ": not an ONNX model (the protobuf does not parse: another format, "
                      "or a truncated file)");
  if (model.ir_version() < 1 || !model.has_graph())
    throw ConfigError(file + ": not an ONNX model (no " +
                      (model.ir_version() < 1 ? "IR version" : "graph") + ")");
  if (model.ir_version() > onnx::IR_VERSION)
    throw ConfigError(file + ": IR version " + std::to_string(model.ir_version()) +
                      " is newer than the ONNX library's " + std::to_string(onnx::IR_VERSION) +
                      " (accepted: 1 to " + std::to_string(onnx::IR_VERSION) + ")");
  const auto& known = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  bool has_default = false;
  for (const auto& op : model.opset_import()) {
    const std::string domain = is_default_domain(op.domain()) ? "" : op.domain();
    has_default = has_default || domain.empty();
    const auto range = known.find(domain);
    if (range == known.end()) continue;  // a custom domain: its nodes are refused one by one
    if (op.version() < range->second.first || op.version() > range->second.second)
      throw ConfigError(file + ": opset " + std::to_string(op.version()) + " of domain '" +
                        (domain.empty() ? "ai.onnx" : domain) + "' is not supported (accepted: " +
                        std::to_string(range->second.first) + " to " +
                        std::to_string(range->second.second) + ", what the ONNX library knows)");
  }
  if (!has_default)
    throw ConfigError(file + ": no opset for the default domain ai.onnx (a truncated file?)");
  return model;
}

int default_opset(const onnx::ModelProto& model) {
  for (const auto& op : model.opset_import())
    if (is_default_domain(op.domain())) return static_cast<int>(op.version());
  return 0;
}

std::vector<const onnx::ValueInfoProto*> real_inputs(const onnx::GraphProto& graph) {
  std::set<std::string> initializers;
  for (const auto& t : graph.initializer()) initializers.insert(t.name());
  std::vector<const onnx::ValueInfoProto*> out;
  for (const auto& input : graph.input())
    if (!initializers.count(input.name())) out.push_back(&input);
  return out;
}

int infer_shapes(onnx::ModelProto& model, const ShapeOptions& options, const std::string& file) {
  onnx::GraphProto& graph = *model.mutable_graph();
  std::set<std::string> inputs;
  for (const auto* input : real_inputs(graph)) inputs.insert(input->name());
  std::string names;
  for (const std::string& n : inputs) names += (names.empty() ? "'" : ", '") + n + "'";

  std::set<std::string> given;
  for (const InputShape& s : options.inputs) {
    if (!inputs.count(s.name))
      throw ConfigError(file + ": --input " + s.name + ": the model has no input '" + s.name +
                        "' (its inputs: " + names + ")");
    if (!given.insert(s.name).second)
      throw ConfigError(file + ": --input " + s.name + " given twice");
  }
  for (auto& input : *graph.mutable_input()) {
    if (!inputs.count(input.name())) continue;
    onnx::TensorShapeProto* shape = shape_of(input, file);
    for (const InputShape& s : options.inputs) {
      if (s.name != input.name()) continue;
      if (input.type().tensor_type().has_shape() &&
          shape->dim_size() != static_cast<int>(s.dims.size()))
        throw ConfigError(file + ": --input " + s.name + ": " + std::to_string(s.dims.size()) +
                          " dimensions given, the input has " + std::to_string(shape->dim_size()));
      set_dims(*shape, s.dims);
    }
    if (options.batch > 0 && !given.count(input.name()) && shape->dim_size() > 0)
      shape->mutable_dim(0)->set_dim_value(options.batch);
    require_static(input, file);
  }

  // Shapes stored by the exporter describe the shapes it was exported with: infer them all
  // anew from the inputs (element types stay).
  graph.clear_value_info();
  for (auto& output : *graph.mutable_output())
    if (output.type().has_tensor_type())
      output.mutable_type()->mutable_tensor_type()->clear_shape();
  check_divisors(graph, file);
  // Each round of inference can let more shape arithmetic fold, and each fold more inference.
  int folded = 0;
  for (int round = 0;; ++round) {
    try {
      onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                         onnx::ShapeInferenceOptions(false, 1, true));
    } catch (const std::exception& e) {
      throw ConfigError(file + ": shape inference failed: " + e.what());
    }
    const int n = fold_shape_arithmetic(graph);
    if (n == 0) return folded;
    folded += n;
  }
}

}  // namespace codesign::importer
