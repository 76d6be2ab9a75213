#include "importer/onnx_import.hpp"

#include <cstdio>
#include <filesystem>

#include "importer/graph_tensors.hpp"
#include "importer/layer_names.hpp"
#include "importer/mac_layers.hpp"
#include "importer/node_kinds.hpp"
#include "util/json_reader.hpp"

namespace codesign::importer {

namespace {

std::map<std::string, int> opsets_of(const onnx::ModelProto& model) {
  std::map<std::string, int> opsets;
  for (const auto& op : model.opset_import())
    opsets[op.domain() == "ai.onnx" ? "" : op.domain()] = static_cast<int>(op.version());
  return opsets;
}

void count_not_mapped(const onnx::NodeProto& node, const GraphTensors& tensors,
                      std::vector<NotMapped>& list) {
  auto it = list.begin();
  while (it != list.end() && it->op_type != node.op_type()) ++it;
  if (it == list.end()) it = list.insert(it, NotMapped{node.op_type()});
  ++it->nodes;
  for (const std::string& out : node.output())
    if (!out.empty()) it->elements += tensors.elements(out).value_or(0);
}

std::string with_thousands(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

}  // namespace

ImportResult import_onnx(const std::string& file, const ShapeOptions& options) {
  onnx::ModelProto model = read_model(file);
  ImportResult r;
  r.workload.name = std::filesystem::path(file).stem().string();
  r.opset = default_opset(model);
  r.nodes = model.graph().node_size();
  r.constant_nodes = infer_shapes(model, options, file);
  const onnx::GraphProto& graph = model.graph();
  const GraphTensors tensors(graph);
  const NodeClassifier classifier(opsets_of(model));

  UniqueNames names;
  std::vector<mapping::Layer> layers;
  for (const auto& node : graph.node()) {
    const std::string where = file + ": node '" + node.name() + "' (" + node.op_type() + ")";
    switch (classifier.classify(node, tensors, where)) {
      case NodeKind::kLayer: {
        ImportedLayer l = layer_from_node(
            node, tensors, names.take(layer_name(node.name(), node.op_type())), where);
        layers.push_back(l.layer);
        if (!l.note.empty()) r.notes.push_back(l.note);
        break;
      }
      case NodeKind::kConstant:
        ++r.constant_nodes;
        break;
      case NodeKind::kNotMapped:
        count_not_mapped(node, tensors, r.not_mapped);
        break;
    }
  }
  if (layers.empty())
    throw util::ConfigError(file +
                            ": no Conv, Gemm or MatMul node on activations: nothing for the PE "
                            "array");
  r.layer_nodes = static_cast<int>(layers.size());
  r.workload.layers = mapping::distinct_shapes(layers).distinct;
  return r;
}

std::string summary(const ImportResult& r) {
  std::string s;
  char line[256];
  std::snprintf(line, sizeof line,
                "%s: opset %d, %d nodes: %d products -> %zu layers, %s MACs (repeats counted)\n",
                r.workload.name.c_str(), r.opset, r.nodes, r.layer_nodes, r.workload.layers.size(),
                with_thousands(r.workload.total_macs()).c_str());
  s += line;
  std::snprintf(line, sizeof line, "  %-36s %-7s %6s %18s\n", "layer", "type", "repeat", "MACs");
  s += line;
  for (const mapping::Layer& l : r.workload.layers) {
    std::snprintf(line, sizeof line, "  %-36s %-7s %6d %18s\n", l.name.c_str(),
                  mapping::to_string(l.kind), l.repeat,
                  with_thousands(l.macs() * static_cast<std::uint64_t>(l.repeat)).c_str());
    s += line;
  }
  if (!r.not_mapped.empty()) {
    s += "not run on the PE array:\n";
    std::snprintf(line, sizeof line, "  %-36s %6s %18s\n", "operator", "nodes", "output elements");
    s += line;
    for (const NotMapped& n : r.not_mapped) {
      std::snprintf(line, sizeof line, "  %-36s %6d %18s\n", n.op_type.c_str(), n.nodes,
                    with_thousands(n.elements).c_str());
      s += line;
    }
  }
  if (r.constant_nodes > 0)
    s += "  and " + std::to_string(r.constant_nodes) +
         " nodes computing on constants only (weights, shapes): folded when the model is "
         "loaded\n";
  for (const std::string& note : r.notes) s += "note: " + note + "\n";
  return s;
}

}  // namespace codesign::importer
