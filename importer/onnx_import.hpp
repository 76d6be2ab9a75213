// Importing a network from an ONNX model: its Conv, Gemm and MatMul nodes become the
// workload's layers (identical ones merged into `repeat`), everything else is listed as work
// the PE array does not run. See mac_layers.hpp for the mapping of each operator and
// node_kinds.hpp for what is refused.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "importer/model_file.hpp"
#include "mapping/workload.hpp"

namespace codesign::importer {

// Nodes of one operator that are not run on the PE array.
struct NotMapped {
  std::string op_type;
  int nodes = 0;
  std::uint64_t elements = 0;  // output elements, summed over the nodes
};

struct ImportResult {
  mapping::Workload workload;         // named after the file
  int opset = 0;                      // of the default domain
  int nodes = 0;                      // in the graph
  int layer_nodes = 0;                // Conv, Gemm and MatMul nodes imported, before merging
  int constant_nodes = 0;             // nodes computing on constants only (folded at load time)
  std::vector<NotMapped> not_mapped;  // by operator, in graph order of first occurrence
  std::vector<std::string> notes;     // approximations made, one per layer concerned
};

// Throws util::ConfigError naming the file, and the input or node concerned, if the model
// cannot be imported (model_file.hpp, node_kinds.hpp, mac_layers.hpp) or has no layer for
// the PE array.
ImportResult import_onnx(const std::string& file, const ShapeOptions& options = {});

// The result as text for a terminal: the layers with repeats and MACs, the operators not
// run on the PE array with their element counts, the notes.
std::string summary(const ImportResult& r);

}  // namespace codesign::importer
