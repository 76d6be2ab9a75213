#include "mapping/workload.hpp"

#include <algorithm>
#include <climits>
#include <map>

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

namespace {

// a × b × ... in 64 bits, saturating at INT64_MAX (every factor is >= 0).
std::int64_t product(std::initializer_list<std::int64_t> factors) {
  std::int64_t p = 1;
  for (const std::int64_t f : factors)
    if (__builtin_mul_overflow(p, f, &p)) return INT64_MAX;
  return p;
}

// Output positions along one axis: (padded - dilation × (taps − 1) − 1) / stride + 1.
std::int64_t outputs(std::int64_t padded, std::int64_t taps, std::int64_t stride,
                     std::int64_t dilation) {
  return (padded - dilation * (taps - 1) - 1) / stride + 1;
}

// Number of (output position, filter tap) pairs along one axis whose input index
// o × stride + t × dilation − padding falls in the padding: O(taps), not O(out × taps).
std::uint64_t padded_taps(std::int64_t out, std::int64_t taps, std::int64_t in, std::int64_t stride,
                          std::int64_t padding, std::int64_t dilation) {
  auto clamp = [out](std::int64_t v) { return std::max<std::int64_t>(0, std::min(out, v)); };
  auto ceil_div = [](std::int64_t a, std::int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; };
  std::uint64_t count = 0;
  for (std::int64_t t = 0; t < taps; ++t) {
    const std::int64_t offset = t * dilation - padding;
    const std::int64_t below = clamp(ceil_div(-offset, stride));     // index < 0
    const std::int64_t from = clamp(ceil_div(in - offset, stride));  // index >= in from here
    count += static_cast<std::uint64_t>(below + (out - from));
  }
  return count;
}

}  // namespace

int Layer::p() const { return static_cast<int>(outputs(padded_h(), r, stride, dilation)); }
int Layer::q() const { return static_cast<int>(outputs(padded_w(), s, stride, dilation)); }

std::uint64_t Layer::macs() const {
  return static_cast<std::uint64_t>(n) * p() * q() * k * c_per_group() * r * s;
}

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
  auto fail = [&](const std::string& key, const std::string& what) {
    throw ConfigError(path + (key.empty() ? "" : "." + key) + ": " + what);
  };
  auto in_range = [&](const char* key, int v, int lo) {
    if (v < lo || v > kMaxLayerDim)
      fail(key, "expected integer in [" + std::to_string(lo) + ", " + std::to_string(kMaxLayerDim) +
                    "], got " + std::to_string(v));
  };
  for (const auto& [key, v] : {std::pair<const char*, int>{"n", l.n},
                               {"groups", l.groups},
                               {"k", l.k},
                               {"c", l.c},
                               {"h", l.h},
                               {"w", l.w},
                               {"r", l.r},
                               {"s", l.s},
                               {"stride", l.stride},
                               {"dilation", l.dilation},
                               {"repeat", l.repeat}})
    in_range(key, v, 1);
  in_range("padding", l.padding, 0);
  if (l.c % l.groups != 0 || l.k % l.groups != 0)
    fail("groups", std::to_string(l.groups) + " must divide c (" + std::to_string(l.c) +
                       ") and k (" + std::to_string(l.k) + ")");
  // Every size is now at most 2^20: the sizes below fit 64 bits, products saturate.
  const std::int64_t hp = std::int64_t{l.h} + 2 * std::int64_t{l.padding};
  const std::int64_t wp = std::int64_t{l.w} + 2 * std::int64_t{l.padding};
  const std::int64_t filter_h = std::int64_t{l.dilation} * (l.r - 1) + 1;
  const std::int64_t filter_w = std::int64_t{l.dilation} * (l.s - 1) + 1;
  if (filter_h > hp)
    fail("r", "the dilated filter, dilation × (r − 1) + 1 = " + std::to_string(filter_h) +
                  ", is larger than the padded input, h + 2 × padding = " + std::to_string(hp));
  if (filter_w > wp)
    fail("s", "the dilated filter, dilation × (s − 1) + 1 = " + std::to_string(filter_w) +
                  ", is larger than the padded input, w + 2 × padding = " + std::to_string(wp));
  const std::int64_t p = outputs(hp, l.r, l.stride, l.dilation);
  const std::int64_t q = outputs(wp, l.s, l.stride, l.dilation);
  auto tensor = [&](const char* what, const char* formula, std::int64_t elements) {
    if (elements > kMaxTensorElements)
      fail("",
           std::string("the ") + what + " tensor, " + formula + " = " +
               (elements == INT64_MAX ? std::string("more than 2^63") : std::to_string(elements)) +
               " elements, exceeds " + std::to_string(kMaxTensorElements));
  };
  tensor("input", "n × (h + 2 × padding) × (w + 2 × padding) × c", product({l.n, hp, wp, l.c}));
  tensor("weight", "r × s × c / groups × k", product({l.r, l.s, l.c / l.groups, l.k}));
  tensor("output", "n × p × q × k", product({l.n, p, q, l.k}));
  // Output elements and taps per output are each below 2^31: MACs fit; repeat ≤ 2^20.
  const std::uint64_t macs = static_cast<std::uint64_t>(product({l.n, p, q, l.k})) *
                             static_cast<std::uint64_t>(product({l.c / l.groups, l.r, l.s}));
  if (macs > kMaxWorkloadMacs) fail("", std::to_string(macs) + " multiply-accumulates exceed 2^50");
  if (macs > kMaxWorkloadMacs / static_cast<std::uint64_t>(l.repeat))
    fail("repeat", std::to_string(macs) + " multiply-accumulates × repeat " +
                       std::to_string(l.repeat) + " exceed 2^50");
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
  constexpr int kMax = kMaxLayerDim;
  Layer l;
  l.name = o.string("name");
  if (l.name.empty()) o.fail("name", "expected a non-empty name");
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
    const std::int64_t batch = o.integer_or("batch", 1, 1, kMax);
    l.groups = static_cast<int>(batch);
    l.h = static_cast<int>(o.integer("m", 1, kMax));
    // All batches' channels side by side: batch × k and batch × n must be sizes too.
    for (const auto& [key, channels] : {std::pair<const char*, int*>{"k", &l.c}, {"n", &l.k}}) {
      const std::int64_t total = batch * o.integer(key, 1, kMax);
      if (total > kMax)
        o.fail(key, std::string("batch × ") + key + " = " + std::to_string(total) + " exceeds " +
                        std::to_string(kMax));
      *channels = static_cast<int>(total);
    }
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

std::string shape_key(const Layer& l) {
  nlohmann::json j = to_json(l);
  j.erase("name");
  j.erase("repeat");
  return j.dump();
}

Shapes distinct_shapes(const std::vector<Layer>& layers) {
  Shapes s;
  std::map<std::string, std::size_t> index;
  for (const Layer& l : layers) {
    const auto [it, fresh] = index.emplace(shape_key(l), s.distinct.size());
    if (fresh)
      s.distinct.push_back(l);
    else
      s.distinct[it->second].repeat += l.repeat;
    s.of_layer.push_back(it->second);
  }
  return s;
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
  std::map<std::string, std::size_t> position;  // of each name
  std::uint64_t macs = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string where = o.path_of("layers") + "[" + std::to_string(i) + "]";
    Layer l = layer_from_json(layers[i], where);
    const auto [it, fresh] = position.emplace(l.name, i);
    if (!fresh)
      throw ConfigError(where + ".name: \"" + l.name + "\" is also the name of layers[" +
                        std::to_string(it->second) + "]; layer names must be unique");
    // Each layer's share is at most 2^50 (validate): the sum cannot overflow before this.
    macs += l.macs() * static_cast<std::uint64_t>(l.repeat);
    if (macs > kMaxWorkloadMacs)
      throw ConfigError(where +
                        ": the workload's multiply-accumulates up to here, repeats "
                        "counted, exceed 2^50");
    w.layers.push_back(std::move(l));
  }
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
