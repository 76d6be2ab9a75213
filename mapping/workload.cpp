#include "mapping/workload.hpp"

#include "util/json_reader.hpp"

namespace codesign::mapping {

using util::ConfigError;
using util::JsonObject;

const char* to_string(LayerKind k) {
  switch (k) {
    case LayerKind::kConv2d:
      return "conv2d";
    case LayerKind::kFullyConnected:
      return "fc";
    case LayerKind::kMatmul:
      return "matmul";
  }
  return "?";
}

int Layer::p() const { return (padded_h() - dilation * (r - 1) - 1) / stride + 1; }
int Layer::q() const { return (padded_w() - dilation * (s - 1) - 1) / stride + 1; }

std::uint64_t Layer::macs() const {
  return static_cast<std::uint64_t>(n) * p() * q() * k * c_per_group() * r * s;
}

namespace {

// Number of (output position, filter tap) pairs along one axis whose input index falls in
// the padding.
std::uint64_t padded_taps(int out, int taps, int in, int stride, int padding, int dilation) {
  std::uint64_t count = 0;
  for (int o = 0; o < out; ++o)
    for (int t = 0; t < taps; ++t) {
      const int x = o * stride + t * dilation - padding;
      if (x < 0 || x >= in) ++count;
    }
  return count;
}

}  // namespace

std::uint64_t Layer::padding_macs() const {
  const std::uint64_t ph = padded_taps(p(), r, h, stride, padding, dilation);
  const std::uint64_t pw = padded_taps(q(), s, w, stride, padding, dilation);
  const std::uint64_t all_h = static_cast<std::uint64_t>(p()) * r;
  const std::uint64_t all_w = static_cast<std::uint64_t>(q()) * s;
  // Pairs (h-tap, w-tap) with at least one of them in the padding.
  const std::uint64_t padded_pairs = ph * all_w + pw * all_h - ph * pw;
  return static_cast<std::uint64_t>(n) * k * c_per_group() * padded_pairs;
}

void validate(const Layer& l, const std::string& path) {
  auto positive = [&](const char* key, int v) {
    if (v < 1)
      throw ConfigError(path + ": " + key + ": expected integer >= 1, got " + std::to_string(v));
  };
  positive("n", l.n);
  positive("groups", l.groups);
  positive("k", l.k);
  positive("c", l.c);
  positive("h", l.h);
  positive("w", l.w);
  positive("r", l.r);
  positive("s", l.s);
  positive("stride", l.stride);
  positive("dilation", l.dilation);
  positive("repeat", l.repeat);
  if (l.padding < 0)
    throw ConfigError(path + ": padding: expected integer >= 0, got " + std::to_string(l.padding));
  if (l.c % l.groups != 0 || l.k % l.groups != 0)
    throw ConfigError(path + ": groups: " + std::to_string(l.groups) + " must divide c (" +
                      std::to_string(l.c) + ") and k (" + std::to_string(l.k) + ")");
  if (l.padded_h() < l.dilation * (l.r - 1) + 1 || l.padded_w() < l.dilation * (l.s - 1) + 1)
    throw ConfigError(path + ": r/s: the dilated filter is larger than the padded input");
}

Layer flattened(const Layer& l) {
  if (l.r != 1 || l.s != 1 || l.stride != 1 || l.padding != 0) return l;
  Layer f = l;
  f.w = l.h * l.w;
  f.h = 1;
  return f;
}

Layer layer_from_json(const nlohmann::json& j, const std::string& path) {
  JsonObject o(j, path);
  constexpr int kMax = 1 << 20;
  Layer l;
  l.name = o.string("name");
  const std::string type = o.choice("type", {"conv2d", "fc", "matmul"});
  l.repeat = static_cast<int>(o.integer_or("repeat", 1, 1, kMax));
  if (type == "conv2d") {
    l.kind = LayerKind::kConv2d;
    l.n = static_cast<int>(o.integer_or("n", 1, 1, kMax));
    l.c = static_cast<int>(o.integer("c", 1, kMax));
    l.h = static_cast<int>(o.integer("h", 1, kMax));
    l.w = static_cast<int>(o.integer("w", 1, kMax));
    l.k = static_cast<int>(o.integer("k", 1, kMax));
    l.r = static_cast<int>(o.integer("r", 1, kMax));
    l.s = static_cast<int>(o.integer("s", 1, kMax));
    l.stride = static_cast<int>(o.integer_or("stride", 1, 1, kMax));
    l.padding = static_cast<int>(o.integer_or("padding", 0, 0, kMax));
    l.dilation = static_cast<int>(o.integer_or("dilation", 1, 1, kMax));
    l.groups = static_cast<int>(o.integer_or("groups", 1, 1, kMax));
  } else if (type == "fc") {
    l.kind = LayerKind::kFullyConnected;
    l.n = static_cast<int>(o.integer_or("batch", 1, 1, kMax));
    l.c = static_cast<int>(o.integer("in", 1, kMax));
    l.k = static_cast<int>(o.integer("out", 1, kMax));
  } else {
    l.kind = LayerKind::kMatmul;
    const int batch = static_cast<int>(o.integer_or("batch", 1, 1, kMax));
    l.groups = batch;
    l.h = static_cast<int>(o.integer("m", 1, kMax));
    l.c = batch * static_cast<int>(o.integer("k", 1, kMax));
    l.k = batch * static_cast<int>(o.integer("n", 1, kMax));
  }
  o.finish();
  validate(l, path);
  return l;
}

nlohmann::json to_json(const Layer& l) {
  nlohmann::json j = {{"name", l.name}, {"type", to_string(l.kind)}, {"repeat", l.repeat}};
  switch (l.kind) {
    case LayerKind::kConv2d:
      j.update({{"n", l.n},
                {"c", l.c},
                {"h", l.h},
                {"w", l.w},
                {"k", l.k},
                {"r", l.r},
                {"s", l.s},
                {"stride", l.stride},
                {"padding", l.padding},
                {"dilation", l.dilation},
                {"groups", l.groups}});
      break;
    case LayerKind::kFullyConnected:
      j.update({{"batch", l.n}, {"in", l.c}, {"out", l.k}});
      break;
    case LayerKind::kMatmul:
      j.update({{"batch", l.groups}, {"m", l.h}, {"k", l.c_per_group()}, {"n", l.k_per_group()}});
      break;
  }
  return j;
}

std::uint64_t Workload::total_macs() const {
  std::uint64_t t = 0;
  for (const Layer& l : layers) t += l.macs() * static_cast<std::uint64_t>(l.repeat);
  return t;
}

Workload workload_from_json(const nlohmann::json& j, const std::string& path) {
  JsonObject o(j, path);
  Workload w;
  w.name = o.string("name");
  const nlohmann::json& layers = o.array("layers");
  if (layers.empty()) o.fail("layers", "expected at least one layer");
  for (std::size_t i = 0; i < layers.size(); ++i)
    w.layers.push_back(
        layer_from_json(layers[i], o.path_of("layers") + "[" + std::to_string(i) + "]"));
  o.finish();
  return w;
}

Workload load_workload(const std::string& file) {
  return workload_from_json(util::read_json_file(file), file);
}

nlohmann::json to_json(const Workload& w) {
  nlohmann::json layers = nlohmann::json::array();
  for (const Layer& l : w.layers) layers.push_back(to_json(l));
  return {{"name", w.name}, {"layers", layers}};
}

}  // namespace codesign::mapping
