#include "tb/layer_case.hpp"

#include <random>

#include "util/json_reader.hpp"

namespace codesign::tb {

std::uint64_t LayerCase::macs() const {
  if (!conv) return std::uint64_t(m) * n * k;
  return std::uint64_t(shape.p()) * shape.q() * shape.k * shape.r * shape.s * shape.c;
}

LayerCase layer_case_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  LayerCase c;
  c.name = o.string_or("name", "layer");
  c.conv = o.choice("type", {"gemm", "conv"}) == "conv";
  constexpr int kMax = 1 << 16;
  if (c.conv) {
    ConvShape& s = c.shape;
    s.h = static_cast<int>(o.integer("h", 1, kMax));
    s.w = static_cast<int>(o.integer("w", 1, kMax));
    s.c = static_cast<int>(o.integer("c", 1, kMax));
    s.k = static_cast<int>(o.integer("k", 1, kMax));
    s.r = static_cast<int>(o.integer("r", 1, 64));
    s.s = static_cast<int>(o.integer("s", 1, 64));
    s.stride = static_cast<int>(o.integer_or("stride", 1, 1, 16));
    s.pad = static_cast<int>(o.integer_or("pad", 0, 0, 32));
    s.dilation = static_cast<int>(o.integer_or("dilation", 1, 1, 16));
    if (s.p() < 1 || s.q() < 1) o.fail("h", "the filter does not fit the padded input");
  } else {
    c.m = static_cast<int>(o.integer("m", 1, kMax));
    c.n = static_cast<int>(o.integer("n", 1, kMax));
    c.k = static_cast<int>(o.integer("k", 1, kMax));
  }
  util::JsonObject t = o.object("tiling");
  c.tiling.dataflow = t.choice("dataflow", {"os", "ws"}) == "ws"
                          ? arch::Dataflow::kWeightStationary
                          : arch::Dataflow::kOutputStationary;
  c.tiling.tm = static_cast<int>(t.integer("m", 1, kMax));
  c.tiling.tn = static_cast<int>(t.integer("n", 1, 64));
  c.tiling.tk = static_cast<int>(t.integer("k", 1, kMax));
  t.finish();
  c.seed = static_cast<std::uint64_t>(o.integer_or("seed", 1, 0, INT64_MAX));
  c.zero_fraction = o.number_or("zero_fraction", 0.25, 0, 1);
  o.finish();
  return c;
}

LayerCase load_layer_case(const std::string& file) {
  return layer_case_from_json(util::read_json_file(file), file);
}

nlohmann::json to_json(const LayerCase& c) {
  nlohmann::json j = {{"name", c.name}, {"type", c.conv ? "conv" : "gemm"}};
  if (c.conv) {
    const ConvShape& s = c.shape;
    j.update({{"h", s.h},
              {"w", s.w},
              {"c", s.c},
              {"k", s.k},
              {"r", s.r},
              {"s", s.s},
              {"stride", s.stride},
              {"pad", s.pad},
              {"dilation", s.dilation}});
  } else {
    j.update({{"m", c.m}, {"n", c.n}, {"k", c.k}});
  }
  j["tiling"] = {{"dataflow", arch::to_string(c.tiling.dataflow)},
                 {"m", c.tiling.tm},
                 {"n", c.tiling.tn},
                 {"k", c.tiling.tk}};
  j["seed"] = c.seed;
  j["zero_fraction"] = c.zero_fraction;
  return j;
}

BuiltCase build_case(const LayerCase& c, const arch::BuildConfig& b) {
  std::mt19937_64 rng(c.seed);
  const std::int64_t lim = std::int64_t(1) << (b.data_width - 1);
  std::uniform_int_distribution<std::int64_t> value(-lim, lim - 1);
  std::bernoulli_distribution zero(c.zero_fraction);
  auto draw = [&] { return zero(rng) ? 0 : value(rng); };
  BuiltCase out;
  if (c.conv) {
    const ConvShape& s = c.shape;
    std::vector<std::int64_t> in(std::size_t(s.h) * s.w * s.c),
        wt(std::size_t(s.r) * s.s * s.c * s.k);
    for (auto& x : in) x = draw();
    for (auto& x : wt) x = draw();
    out.program = build_conv(b, s, in, wt, c.tiling);
    out.expected = conv_golden(s, in, wt, b.acc_width);
  } else {
    IntMatrix a(c.m, c.k), w(c.k, c.n);
    for (auto& x : a.reshaped()) x = draw();
    for (auto& x : w.reshaped()) x = draw();
    out.program = build_gemm(b, a, w, c.tiling);
    const IntMatrix o = gemm_golden(a, w, b.acc_width);
    out.expected.assign(o.data(), o.data() + o.size());
  }
  return out;
}

}  // namespace codesign::tb
