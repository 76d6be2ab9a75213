#include "importer/mac_layers.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "importer/node_attributes.hpp"
#include "util/json_reader.hpp"

namespace codesign::importer {

using util::ConfigError;
using Dims = std::vector<std::int64_t>;

namespace {

std::string text(const Dims& d) {
  std::string s = "[";
  for (std::size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s + "]";
}

// Sizes and attributes beyond this are refused before any arithmetic, so products of a few
// of them cannot overflow; the workload reader then applies the layer's own, smaller, range.
constexpr std::int64_t kMaxSize = std::int64_t{1} << 31;

bool all_ones(const Dims& d) {
  return std::all_of(d.begin(), d.end(), [](std::int64_t x) { return x == 1; });
}

std::int64_t int_attribute(const onnx::NodeProto& node, const std::string& name,
                           std::int64_t fallback) {
  const auto* a = attribute(node, name);
  return a ? a->i() : fallback;
}

Dims ints_attribute(const onnx::NodeProto& node, const std::string& name, Dims fallback) {
  const auto* a = attribute(node, name);
  return a ? Dims(a->ints().begin(), a->ints().end()) : fallback;
}

// The dims of input `index` of the node, which shape inference must have found.
Dims operand(const onnx::NodeProto& node, int index, const GraphTensors& tensors,
             const std::string& where) {
  if (index >= node.input_size() || node.input(index).empty())
    throw ConfigError(where + ": input " + std::to_string(index) + " is missing");
  const auto d = tensors.dims(node.input(index));
  if (!d)
    throw ConfigError(where + ": the shape of input '" + node.input(index) +
                      "' is not known after shape inference");
  for (std::int64_t x : *d)
    if (x < 1 || x > kMaxSize)
      throw ConfigError(where + ": input '" + node.input(index) + "' has shape " + text(*d) +
                        ": expected every dimension in [1, " + std::to_string(kMaxSize) + "]");
  return *d;
}

mapping::Layer built(nlohmann::json j, const std::string& name, const std::string& where) {
  j["name"] = name;
  return mapping::layer_from_json(j, where);
}

mapping::Layer fc(std::int64_t batch, std::int64_t in, std::int64_t out, const std::string& name,
                  const std::string& where) {
  return built({{"type", "fc"}, {"batch", batch}, {"in", in}, {"out", out}}, name, where);
}

mapping::Layer matmul(std::int64_t batch, std::int64_t m, std::int64_t k, std::int64_t n,
                      const std::string& name, const std::string& where) {
  return built({{"type", "matmul"}, {"batch", batch}, {"m", m}, {"k", k}, {"n", n}}, name, where);
}

// The padding (begin, end) of one spatial axis under auto_pad, as ONNX defines it.
std::pair<std::int64_t, std::int64_t> auto_pads(const std::string& mode, std::int64_t in,
                                                std::int64_t stride, std::int64_t extent) {
  if (mode == "VALID") return {0, 0};
  const std::int64_t out = (in + stride - 1) / stride;
  const std::int64_t total = std::max<std::int64_t>(0, (out - 1) * stride + extent - in);
  const std::int64_t small = total / 2;
  return mode == "SAME_UPPER" ? std::pair{small, total - small} : std::pair{total - small, small};
}

// One value for both spatial axes, where the workload has one: equal values, or the value of
// the axis where it matters (`matters` false for the other).
std::int64_t one_value(const char* what, const Dims& v, bool h_matters, bool w_matters,
                       const std::string& where) {
  if (v[0] == v[1] || !w_matters) return v[0];
  if (!h_matters) return v[1];
  throw ConfigError(where + ": " + what + " " + text(v) +
                    " differ between height and width: a workload layer has one " + what);
}

ImportedLayer conv(const onnx::NodeProto& node, const GraphTensors& tensors,
                   const std::string& name, const std::string& where) {
  Dims x = operand(node, 0, tensors, where);
  Dims w = operand(node, 1, tensors, where);
  if (x.size() == 5)
    throw ConfigError(where + ": a 3-D convolution (input " + text(x) +
                      ") is not supported: the accelerator's loop nest is 2-D");
  if (x.size() != 3 && x.size() != 4)
    throw ConfigError(where + ": input " + text(x) + ": expected rank 3 (1-D) or 4 (2-D)");
  if (w.size() != x.size())
    throw ConfigError(where + ": weight " + text(w) + " and input " + text(x) + " differ in rank");
  const std::size_t spatial = x.size() - 2;
  Dims strides = ints_attribute(node, "strides", Dims(spatial, 1));
  Dims dilations = ints_attribute(node, "dilations", Dims(spatial, 1));
  Dims pads = ints_attribute(node, "pads", Dims(2 * spatial, 0));
  const Dims kernel = ints_attribute(node, "kernel_shape", Dims(w.begin() + 2, w.end()));
  if (strides.size() != spatial || dilations.size() != spatial || pads.size() != 2 * spatial ||
      kernel != Dims(w.begin() + 2, w.end()))
    throw ConfigError(where + ": strides, dilations, pads or kernel_shape do not match weight " +
                      text(w));
  for (const auto& [what, values, min] :
       {std::tuple("strides", &strides, 1), std::tuple("dilations", &dilations, 1),
        std::tuple("pads", &pads, 0)})
    for (std::int64_t v : *values)
      if (v < min || v > kMaxSize)
        throw ConfigError(where + ": " + what + " " + text(*values) + ": expected values in [" +
                          std::to_string(min) + ", " + std::to_string(kMaxSize) + "]");
  const std::int64_t group = int_attribute(node, "group", 1);
  if (group < 1 || group > kMaxSize || w[0] % group != 0 || x[1] != w[1] * group)
    throw ConfigError(where + ": group " + std::to_string(group) + ", input " + text(x) +
                      " and weight " + text(w) + " are inconsistent");
  const auto* mode = attribute(node, "auto_pad");
  if (mode && mode->s() != "NOTSET")
    for (std::size_t i = 0; i < spatial; ++i)
      std::tie(pads[i], pads[spatial + i]) =
          auto_pads(mode->s(), x[2 + i], strides[i], dilations[i] * (kernel[i] - 1) + 1);
  if (spatial == 1) {  // a 1-D convolution is a 2-D one of height 1
    x.insert(x.begin() + 2, 1);
    w.insert(w.begin() + 2, 1);
    strides.insert(strides.begin(), strides[0]);
    dilations.insert(dilations.begin(), 1);
    pads = {0, pads[0], 0, pads[1]};
  }
  // A stride matters on an axis unless that axis has one output position with either stride.
  auto slack = [&](int i) {
    return x[2 + i] + pads[i] + pads[2 + i] - dilations[i] * (w[2 + i] - 1) - 1;
  };
  const std::int64_t min_stride = std::min(strides[0], strides[1]);
  const std::int64_t stride =
      one_value("strides", strides, slack(0) >= min_stride, slack(1) >= min_stride, where);
  const std::int64_t dilation = one_value("dilations", dilations, w[2] > 1, w[3] > 1, where);

  // The workload has one symmetric padding. Asymmetric pads keep the smallest as padding and
  // widen the input by the rest: same output shape, same MACs, the extra zeros taken as input.
  const std::int64_t padding = *std::min_element(pads.begin(), pads.end());
  const std::int64_t h = x[2] + pads[0] + pads[2] - 2 * padding;
  const std::int64_t width = x[3] + pads[1] + pads[3] - 2 * padding;
  ImportedLayer out;
  out.layer = built({{"type", "conv2d"},
                     {"n", x[0]},
                     {"c", x[1]},
                     {"h", h},
                     {"w", width},
                     {"k", w[0]},
                     {"r", w[2]},
                     {"s", w[3]},
                     {"stride", stride},
                     {"padding", padding},
                     {"dilation", dilation},
                     {"groups", group}},
                    name, where);
  if (h != x[2] || width != x[3])
    out.note = name + ": pads " + text(pads) +
               " (top, left, bottom, right) differ between sides: imported as a " +
               std::to_string(h) + "x" + std::to_string(width) + " input with padding " +
               std::to_string(padding) + " (same output and MACs; the extra zeros count as input)";
  return out;
}

ImportedLayer gemm(const onnx::NodeProto& node, const GraphTensors& tensors,
                   const std::string& name, const std::string& where) {
  const Dims a = operand(node, 0, tensors, where);
  const Dims b = operand(node, 1, tensors, where);
  if (a.size() != 2 || b.size() != 2)
    throw ConfigError(where + ": operands " + text(a) + " and " + text(b) + ": expected rank 2");
  const bool ta = int_attribute(node, "transA", 0) != 0;
  const bool tb = int_attribute(node, "transB", 0) != 0;
  const std::int64_t m = ta ? a[1] : a[0], k = ta ? a[0] : a[1];
  const std::int64_t kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
  if (k != kb)
    throw ConfigError(where + ": operands " + text(a) + " and " + text(b) + " (transA " +
                      std::to_string(ta) + ", transB " + std::to_string(tb) + ") do not multiply");
  if (tensors.is_constant(node.input(1))) return {fc(m, k, n, name, where), ""};
  if (tensors.is_constant(node.input(0))) return {fc(n, k, m, name, where), ""};
  return {matmul(1, m, k, n, name, where), ""};
}

ImportedLayer matmul(const onnx::NodeProto& node, const GraphTensors& tensors,
                     const std::string& name, const std::string& where) {
  Dims a = operand(node, 0, tensors, where);
  Dims b = operand(node, 1, tensors, where);
  const std::string shapes = "operands " + text(a) + " and " + text(b);
  if (a.empty() || b.empty()) throw ConfigError(where + ": " + shapes + ": a scalar operand");
  if (a.size() == 1) a.insert(a.begin(), 1);  // a vector is a matrix of one row ...
  if (b.size() == 1) b.push_back(1);          // ... or of one column
  const std::int64_t m = a[a.size() - 2], k = a.back(), n = b.back();
  if (b[b.size() - 2] != k) throw ConfigError(where + ": " + shapes + " do not multiply");

  // Batch dimensions broadcast as in numpy, aligned from the right.
  const Dims batch_a(a.begin(), a.end() - 2), batch_b(b.begin(), b.end() - 2);
  std::int64_t batch = 1;
  for (std::size_t i = 0; i < std::max(batch_a.size(), batch_b.size()); ++i) {
    const std::int64_t da = i < batch_a.size() ? batch_a[batch_a.size() - 1 - i] : 1;
    const std::int64_t db = i < batch_b.size() ? batch_b[batch_b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1)
      throw ConfigError(where + ": " + shapes + ": batch dimensions do not broadcast");
    batch *= std::max(da, db);
    if (batch > kMaxSize)
      throw ConfigError(where + ": " + shapes + ": more than " + std::to_string(kMaxSize) +
                        " products in the batch");
  }
  const bool b_shared = all_ones(batch_b);
  const bool a_shared = all_ones(batch_a);
  // An operand shared by every batch is one matrix: fold the batch into the other's rows
  // (A's rows; or B's columns, the product transposed) and it is a weight if constant.
  if (b_shared && tensors.is_constant(node.input(1))) return {fc(batch * m, k, n, name, where), ""};
  if (a_shared && tensors.is_constant(node.input(0))) return {fc(batch * n, k, m, name, where), ""};
  if (b_shared) return {matmul(1, batch * m, k, n, name, where), ""};
  if (a_shared) return {matmul(1, m, k, batch * n, name, where), ""};
  return {matmul(batch, m, k, n, name, where), ""};
}

}  // namespace

ImportedLayer layer_from_node(const onnx::NodeProto& node, const GraphTensors& tensors,
                              const std::string& name, const std::string& where) {
  ImportedLayer out;
  if (node.op_type() == "Conv")
    out = conv(node, tensors, name, where);
  else if (node.op_type() == "Gemm")
    out = gemm(node, tensors, name, where);
  else if (node.op_type() == "MatMul")
    out = matmul(node, tensors, name, where);
  else
    throw std::logic_error("layer_from_node: " + node.op_type() + " is not a layer operator");
  // The product's output shape as shape inference found it agrees with the layer's.
  const mapping::Layer& l = out.layer;
  const std::uint64_t outputs = static_cast<std::uint64_t>(l.n) * l.p() * l.q() * l.k;
  const std::uint64_t inferred =
      node.output_size() > 0 ? tensors.elements(node.output(0)).value_or(outputs) : outputs;
  if (inferred != outputs)
    throw std::logic_error(where + ": imported as a layer of " + std::to_string(outputs) +
                           " outputs, but shape inference gives " + std::to_string(inferred));
  return out;
}

}  // namespace codesign::importer
