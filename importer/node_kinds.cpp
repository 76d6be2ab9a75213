#include "importer/node_kinds.hpp"

#include <onnx/defs/schema.h>

#include "util/json_reader.hpp"

namespace codesign::importer {

using util::ConfigError;

namespace {

bool is_layer_op(const std::string& op) { return op == "Conv" || op == "Gemm" || op == "MatMul"; }

// Why a MAC-carrying operator is not imported; empty if `op` is not one.
std::string unsupported_mac_reason(const std::string& op) {
  if (op == "ConvTranspose")
    return "a transposed convolution is not supported (only Conv, Gemm and MatMul are "
           "imported)";
  if (op == "ConvInteger" || op == "QLinearConv" || op == "MatMulInteger" || op == "QLinearMatMul")
    return "a quantised product is not supported: export the float model (Conv, Gemm, MatMul)";
  if (op == "Einsum") return "Einsum is not supported: export its products as MatMul";
  if (op == "RNN" || op == "GRU" || op == "LSTM")
    return "a recurrent cell is not supported: its products over time steps are not imported";
  return "";
}

// The first node in `graph` or its subgraphs that multiplies and accumulates, if any.
const onnx::NodeProto* first_mac_node(const onnx::GraphProto& graph) {
  for (const auto& node : graph.node()) {
    if (is_layer_op(node.op_type()) || !unsupported_mac_reason(node.op_type()).empty())
      return &node;
    for (const auto& a : node.attribute()) {
      if (a.has_g())
        if (const auto* n = first_mac_node(a.g())) return n;
      for (const auto& g : a.graphs())
        if (const auto* n = first_mac_node(g)) return n;
    }
  }
  return nullptr;
}

}  // namespace

NodeClassifier::NodeClassifier(std::map<std::string, int> opsets) : opsets_(std::move(opsets)) {}

void NodeClassifier::check_defined(const onnx::NodeProto& node, const std::string& where) const {
  const std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
  const auto opset = opsets_.find(domain);
  if (opset != opsets_.end() &&
      onnx::OpSchemaRegistry::Schema(node.op_type(), opset->second, domain) != nullptr)
    return;
  throw ConfigError(where + ": " + (domain.empty() ? "" : domain + "::") + node.op_type() +
                    " is not an ONNX operator at the model's opset, so whether it multiplies " +
                    "is unknown");
}

NodeKind NodeClassifier::classify(const onnx::NodeProto& node, const GraphTensors& tensors,
                                  const std::string& where) const {
  check_defined(node, where);
  const std::string reason = unsupported_mac_reason(node.op_type());
  if (!reason.empty()) throw ConfigError(where + ": " + reason);
  for (const auto& a : node.attribute()) {
    const onnx::NodeProto* inner = a.has_g() ? first_mac_node(a.g()) : nullptr;
    for (int i = 0; !inner && i < a.graphs_size(); ++i) inner = first_mac_node(a.graphs(i));
    if (inner)
      throw ConfigError(where + ": its subgraph '" + a.name() + "' holds " + inner->op_type() +
                        " node '" + inner->name() +
                        "': products inside control flow are not imported");
  }
  if (tensors.computes_on_constants(node)) return NodeKind::kConstant;
  return is_layer_op(node.op_type()) ? NodeKind::kLayer : NodeKind::kNotMapped;
}

}  // namespace codesign::importer
