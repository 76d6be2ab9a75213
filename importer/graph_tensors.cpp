#include "importer/graph_tensors.hpp"

namespace codesign::importer {

namespace {

std::optional<std::vector<std::int64_t>> known_dims(const onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return std::nullopt;
  std::vector<std::int64_t> dims;
  for (const auto& d : type.tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0) return std::nullopt;
    dims.push_back(d.dim_value());
  }
  return dims;
}

}  // namespace

GraphTensors::GraphTensors(const onnx::GraphProto& graph) {
  auto add = [&](const onnx::ValueInfoProto& v) {
    if (auto d = known_dims(v.type())) dims_[v.name()] = *d;
  };
  for (const auto& v : graph.input()) add(v);
  for (const auto& v : graph.value_info()) add(v);
  for (const auto& v : graph.output()) add(v);
  for (const auto& t : graph.initializer()) {
    dims_[t.name()] = {t.dims().begin(), t.dims().end()};
    constant_[t.name()] = true;
  }
  for (const auto& node : graph.node()) {
    // The shape of a tensor whose shape is known is known before the network runs.
    const bool shape_only = (node.op_type() == "Shape" || node.op_type() == "Size") &&
                            node.input_size() == 1 && dims(node.input(0)).has_value();
    const bool constant = shape_only || computes_on_constants(node);
    for (const std::string& out : node.output()) constant_[out] = constant;
  }
}

std::optional<std::vector<std::int64_t>> GraphTensors::dims(const std::string& value) const {
  const auto it = dims_.find(value);
  if (it == dims_.end()) return std::nullopt;
  return it->second;
}

bool GraphTensors::is_constant(const std::string& value) const {
  const auto it = constant_.find(value);
  return it != constant_.end() && it->second;
}

bool GraphTensors::computes_on_constants(const onnx::NodeProto& node) const {
  for (const std::string& in : node.input())
    if (!in.empty() && !is_constant(in)) return false;  // "" is an omitted optional input
  // Nodes without inputs that are not constants: random generators.
  return node.input_size() > 0 || node.op_type().rfind("Random", 0) != 0;
}

std::optional<std::uint64_t> GraphTensors::elements(const std::string& value) const {
  const auto d = dims(value);
  if (!d) return std::nullopt;
  std::uint64_t n = 1;
  for (std::int64_t x : *d) n *= static_cast<std::uint64_t>(x);
  return n;
}

}  // namespace codesign::importer
