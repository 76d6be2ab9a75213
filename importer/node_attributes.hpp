// A node's attribute by name: the one lookup that building layers and folding shapes share.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace codesign::importer {

// The attribute `name` of `node`, or nullptr when the node does not set it.
inline const onnx::AttributeProto* attribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

}  // namespace codesign::importer
