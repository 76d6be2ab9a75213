#include "importer/shape_folding.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "importer/graph_tensors.hpp"
#include "importer/node_attributes.hpp"

namespace codesign::importer {

namespace {

// Shape arithmetic handles a few dozen numbers; anything larger is data, not a shape.
constexpr std::size_t kMaxElements = 4096;

struct IntTensor {
  std::vector<std::int64_t> dims;
  std::vector<std::int64_t> values;
};
using Known = std::map<std::string, IntTensor>;

// Elements of a tensor of these dims; anything above kMaxElements counts as kMaxElements + 1.
std::size_t count(const std::vector<std::int64_t>& dims) {
  std::size_t n = 1;
  for (std::int64_t d : dims) {
    if (d <= 0) return 0;
    if (static_cast<std::size_t>(d) > kMaxElements) return kMaxElements + 1;
    n *= static_cast<std::size_t>(d);
    if (n > kMaxElements) return kMaxElements + 1;
  }
  return n;
}

std::optional<IntTensor> from_proto(const onnx::TensorProto& t) {
  IntTensor out{{t.dims().begin(), t.dims().end()}, {}};
  const std::size_t n = count(out.dims);
  if (n > kMaxElements || t.data_location() == onnx::TensorProto::EXTERNAL) return std::nullopt;
  if (t.data_type() == onnx::TensorProto::INT64) {
    if (t.has_raw_data() && t.raw_data().size() == n * 8) {
      out.values.resize(n);
      std::memcpy(out.values.data(), t.raw_data().data(), n * 8);  // little-endian, as ONNX
    } else {
      out.values.assign(t.int64_data().begin(), t.int64_data().end());
    }
  } else if (t.data_type() == onnx::TensorProto::INT32) {
    if (t.has_raw_data() && t.raw_data().size() == n * 4) {
      std::vector<std::int32_t> v(n);
      std::memcpy(v.data(), t.raw_data().data(), n * 4);
      out.values.assign(v.begin(), v.end());
    } else {
      out.values.assign(t.int32_data().begin(), t.int32_data().end());
    }
  } else {
    return std::nullopt;
  }
  if (out.values.size() != n) return std::nullopt;  // no data: a stripped tensor
  return out;
}

onnx::TensorProto to_proto(const std::string& name, const IntTensor& t) {
  onnx::TensorProto p;
  p.set_name(name);
  p.set_data_type(onnx::TensorProto::INT64);
  for (std::int64_t d : t.dims) p.add_dims(d);
  for (std::int64_t v : t.values) p.add_int64_data(v);
  return p;
}

IntTensor vector_of(std::vector<std::int64_t> v) {
  return {{static_cast<std::int64_t>(v.size())}, std::move(v)};
}

// Axes from an attribute (older opsets) or from input `index` (newer ones).
std::optional<std::vector<std::int64_t>> axes_of(const onnx::NodeProto& node, int index,
                                                 const std::vector<const IntTensor*>& in) {
  if (const auto* a = attribute(node, "axes"))
    return std::vector<std::int64_t>(a->ints().begin(), a->ints().end());
  if (index < static_cast<int>(in.size()) && !node.input(index).empty())
    return in[index] ? std::optional(in[index]->values) : std::nullopt;
  return std::vector<std::int64_t>{};
}

std::int64_t normalised(std::int64_t axis, std::int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

std::optional<IntTensor> elementwise(const std::string& op, const IntTensor& a,
                                     const IntTensor& b) {
  if (a.values.size() != b.values.size() && a.values.size() != 1 && b.values.size() != 1)
    return std::nullopt;
  IntTensor out = a.values.size() >= b.values.size() ? a : b;
  for (std::size_t i = 0; i < out.values.size(); ++i) {
    const std::int64_t x = a.values[a.values.size() == 1 ? 0 : i];
    const std::int64_t y = b.values[b.values.size() == 1 ? 0 : i];
    std::int64_t& r = out.values[i];
    // A value that overflows, or a division by zero, is left to run time: not folded.
    if (op == "Add"   ? __builtin_add_overflow(x, y, &r)
        : op == "Sub" ? __builtin_sub_overflow(x, y, &r)
        : op == "Mul" ? __builtin_mul_overflow(x, y, &r)
                      : (y == 0 || (x == INT64_MIN && y == -1)))
      return std::nullopt;
    if (op == "Div") r = x / y;
  }
  return out;
}

std::optional<IntTensor> slice(const onnx::NodeProto& node,
                               const std::vector<const IntTensor*>& in) {
  const IntTensor& data = *in[0];
  if (data.dims.size() != 1) return std::nullopt;
  std::vector<std::int64_t> starts, ends, axes = {0}, steps = {1};
  if (const auto* s = attribute(node, "starts")) {  // opset < 10
    starts.assign(s->ints().begin(), s->ints().end());
    const auto* e = attribute(node, "ends");
    if (!e) return std::nullopt;
    ends.assign(e->ints().begin(), e->ints().end());
  } else {
    for (int i = 1; i < 3; ++i)
      if (i >= static_cast<int>(in.size()) || !in[i]) return std::nullopt;
    starts = in[1]->values;
    ends = in[2]->values;
    for (int i = 3; i < 5; ++i) {
      if (i >= static_cast<int>(in.size()) || node.input(i).empty()) continue;
      if (!in[i]) return std::nullopt;
      (i == 3 ? axes : steps) = in[i]->values;
    }
  }
  if (starts.size() != 1 || ends.size() != 1 || normalised(axes.at(0), 1) != 0 || steps.at(0) == 0)
    return std::nullopt;
  const std::int64_t n = data.dims[0], step = steps[0];
  auto clamp = [&](std::int64_t i, std::int64_t lo, std::int64_t hi) {
    return std::clamp(i < 0 ? i + n : i, lo, hi);
  };
  std::vector<std::int64_t> out;
  const std::int64_t first = step > 0 ? clamp(starts[0], 0, n) : clamp(starts[0], -1, n - 1);
  const std::int64_t end = step > 0 ? clamp(ends[0], 0, n) : clamp(ends[0], -1, n - 1);
  for (std::int64_t i = first; step > 0 ? i < end : i > end;) {
    out.push_back(data.values[i]);
    if (__builtin_add_overflow(i, step, &i)) break;
  }
  return vector_of(out);
}

// The node's first output, if it can be computed; `in[i]` is input i's value, if known.
std::optional<IntTensor> evaluate(const onnx::NodeProto& node,
                                  const std::vector<const IntTensor*>& in,
                                  const GraphTensors& shapes) {
  const std::string& op = node.op_type();
  auto all_known = [&](std::size_t n) {
    if (in.size() < n) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (!in[i]) return false;
    return true;
  };
  if (op == "Constant") {
    if (const auto* a = attribute(node, "value")) return from_proto(a->t());
    if (const auto* a = attribute(node, "value_int")) return IntTensor{{}, {a->i()}};
    if (const auto* a = attribute(node, "value_ints"))
      return vector_of({a->ints().begin(), a->ints().end()});
    return std::nullopt;
  }
  if (op == "Shape" || op == "Size") {
    const auto dims = shapes.dims(node.input(0));
    if (!dims) return std::nullopt;
    if (op == "Size") {
      std::int64_t n = 1;
      for (std::int64_t d : *dims)
        if (__builtin_mul_overflow(n, d, &n)) return std::nullopt;
      return IntTensor{{}, {n}};
    }
    const auto rank = static_cast<std::int64_t>(dims->size());
    const auto* s = attribute(node, "start");
    const auto* e = attribute(node, "end");
    const std::int64_t start = std::clamp(normalised(s ? s->i() : 0, rank), std::int64_t{0}, rank);
    const std::int64_t end = std::clamp(normalised(e ? e->i() : rank, rank), start, rank);
    return vector_of({dims->begin() + start, dims->begin() + end});
  }
  if (op == "Identity" || op == "Cast") {
    if (!all_known(1)) return std::nullopt;
    const auto* to = attribute(node, "to");
    if (op == "Cast" &&
        (!to || (to->i() != onnx::TensorProto::INT64 && to->i() != onnx::TensorProto::INT32)))
      return std::nullopt;
    return *in[0];
  }
  if (op == "Gather") {
    if (!all_known(2) || in[0]->dims.size() != 1) return std::nullopt;
    const auto* axis = attribute(node, "axis");
    if (axis && normalised(axis->i(), 1) != 0) return std::nullopt;
    IntTensor out{in[1]->dims, {}};
    for (std::int64_t i : in[1]->values) {
      const std::int64_t j = normalised(i, in[0]->dims[0]);
      if (j < 0 || j >= in[0]->dims[0]) return std::nullopt;
      out.values.push_back(in[0]->values[j]);
    }
    return out;
  }
  if (op == "Unsqueeze" || op == "Squeeze") {
    if (!all_known(1)) return std::nullopt;
    const auto axes = axes_of(node, 1, in);
    if (!axes) return std::nullopt;
    IntTensor out = *in[0];
    if (op == "Unsqueeze") {
      const auto rank = static_cast<std::int64_t>(out.dims.size() + axes->size());
      std::set<std::int64_t> at;
      for (std::int64_t a : *axes) at.insert(normalised(a, rank));
      if (at.empty() || at.size() != axes->size() || *at.begin() < 0 || *at.rbegin() >= rank)
        return std::nullopt;
      std::vector<std::int64_t> dims;
      for (std::int64_t i = 0, k = 0; i < rank; ++i)
        dims.push_back(at.count(i) ? 1 : out.dims[k++]);
      out.dims = dims;
    } else {
      const auto rank = static_cast<std::int64_t>(out.dims.size());
      std::set<std::int64_t> at;
      for (std::int64_t a : *axes) at.insert(normalised(a, rank));
      std::vector<std::int64_t> dims;
      for (std::int64_t i = 0; i < rank; ++i)
        if (!(at.empty() ? out.dims[i] == 1 : at.count(i) > 0)) dims.push_back(out.dims[i]);
      out.dims = dims;
    }
    return out;
  }
  if (op == "Concat") {
    if (!all_known(in.size())) return std::nullopt;
    std::vector<std::int64_t> v;
    for (const IntTensor* t : in) {
      if (t->dims.size() != 1) return std::nullopt;
      v.insert(v.end(), t->values.begin(), t->values.end());
    }
    return vector_of(v);
  }
  if (op == "Slice") return all_known(1) ? slice(node, in) : std::nullopt;
  if (op == "Reshape") {
    if (!all_known(2)) return std::nullopt;
    IntTensor out = *in[0];
    out.dims = in[1]->values;
    std::int64_t known = 1, infer = -1;
    for (std::size_t i = 0; i < out.dims.size(); ++i) {
      if (out.dims[i] == 0 && i < in[0]->dims.size()) out.dims[i] = in[0]->dims[i];
      if (out.dims[i] == -1)
        infer = static_cast<std::int64_t>(i);
      else if (out.dims[i] < 0 || __builtin_mul_overflow(known, out.dims[i], &known))
        return std::nullopt;
    }
    if (infer >= 0) {
      if (known <= 0) return std::nullopt;
      out.dims[infer] = static_cast<std::int64_t>(out.values.size()) / known;
    }
    if (count(out.dims) != out.values.size()) return std::nullopt;
    return out;
  }
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
    return all_known(2) ? elementwise(op, *in[0], *in[1]) : std::nullopt;
  return std::nullopt;
}

}  // namespace

int fold_shape_arithmetic(onnx::GraphProto& graph) {
  const GraphTensors shapes(graph);
  Known known;
  for (const auto& t : graph.initializer())
    if (auto v = from_proto(t)) known[t.name()] = *v;

  std::vector<onnx::NodeProto> kept;
  std::vector<onnx::TensorProto> folded;
  for (const auto& node : graph.node()) {
    std::vector<const IntTensor*> in;
    for (const std::string& name : node.input()) {
      const auto it = known.find(name);
      in.push_back(it == known.end() ? nullptr : &it->second);
    }
    const auto out = node.output_size() == 1 ? evaluate(node, in, shapes) : std::nullopt;
    if (out && out->values.size() <= kMaxElements) {
      known[node.output(0)] = *out;
      folded.push_back(to_proto(node.output(0), *out));
    } else {
      kept.push_back(node);
    }
  }
  if (folded.empty()) return 0;
  // Only values a kept node reads (or the graph returns) need to stay.
  std::set<std::string> read;
  for (const auto& node : kept) read.insert(node.input().begin(), node.input().end());
  for (const auto& o : graph.output()) read.insert(o.name());
  graph.clear_node();
  for (auto& node : kept) *graph.add_node() = std::move(node);
  for (auto& t : folded)
    if (read.count(t.name())) *graph.add_initializer() = std::move(t);
  return static_cast<int>(folded.size());
}

}  // namespace codesign::importer
