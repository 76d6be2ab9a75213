#include "mapping/dram_layout.hpp"

namespace codesign::mapping {

namespace {

std::uint64_t align64(std::uint64_t x) { return (x + 63) / 64 * 64; }

}  // namespace

std::uint64_t DramLayout::input(int n, int h, int w, int ch) const {
  return input_addr + ((static_cast<std::uint64_t>(n) * hp + h) * wp + w) * c * data_bytes +
         static_cast<std::uint64_t>(ch) * data_bytes;
}

std::uint64_t DramLayout::weight(int g, int rr, int ss, int cc, int kk) const {
  return weight_addr +
         ((((static_cast<std::uint64_t>(g) * r + rr) * s + ss) * cg + cc) * kg + kk) * data_bytes;
}

std::uint64_t DramLayout::output(int n, int pp, int qq, int ch) const {
  return output_addr + (((static_cast<std::uint64_t>(n) * p + pp) * q + qq) * k + ch) * acc_bytes;
}

std::uint64_t DramLayout::input_pixel_step(Dim d) const {
  const std::uint64_t pixel = static_cast<std::uint64_t>(c) * data_bytes;
  if (d == Dim::kN) return pixel * wp * hp;
  if (d == Dim::kP) return pixel * wp * stride;
  return pixel * stride;
}

std::uint64_t DramLayout::output_pixel_step(Dim d) const {
  const std::uint64_t pixel = static_cast<std::uint64_t>(k) * acc_bytes;
  if (d == Dim::kN) return pixel * q * p;
  if (d == Dim::kP) return pixel * q;
  return pixel;
}

DramLayout::Wrap DramLayout::input_wrap(arch::Dataflow df) const {
  const std::uint64_t pixel = static_cast<std::uint64_t>(c) * data_bytes;
  if (df == arch::Dataflow::kOutputStationary)
    return {static_cast<std::uint32_t>(q), input_pixel_step(Dim::kQ), input_pixel_step(Dim::kP)};
  const std::uint64_t filter_row = pixel * wp * dilation;
  if (cg == 1) return {static_cast<std::uint32_t>(s), pixel * dilation, filter_row};
  return {static_cast<std::uint32_t>(s * c), static_cast<std::uint64_t>(data_bytes), filter_row};
}

DramLayout dram_layout_of(const arch::BuildConfig& b, const Layer& l) {
  DramLayout d;
  d.data_bytes = b.data_width / 8;
  d.acc_bytes = b.acc_width / 8;
  d.n = l.n;
  d.groups = l.groups;
  d.hp = l.padded_h();
  d.wp = l.padded_w();
  d.c = l.c;
  d.k = l.k;
  d.cg = l.c_per_group();
  d.kg = l.k_per_group();
  d.r = l.r;
  d.s = l.s;
  d.p = l.p();
  d.q = l.q();
  d.stride = l.stride;
  d.dilation = l.dilation;
  d.input_bytes = static_cast<std::uint64_t>(l.n) * d.hp * d.wp * d.c * d.data_bytes;
  d.weight_bytes = static_cast<std::uint64_t>(l.groups) * d.r * d.s * d.cg * d.kg * d.data_bytes;
  d.output_bytes = static_cast<std::uint64_t>(l.n) * d.p * d.q * d.k * d.acc_bytes;
  d.input_addr = 0;
  d.weight_addr = align64(d.input_bytes);
  d.output_addr = d.weight_addr + align64(d.weight_bytes);
  d.total_bytes = d.output_addr + d.output_bytes;
  return d;
}

nlohmann::json to_json(const DramLayout& d) {
  auto region = [](std::uint64_t addr, std::uint64_t bytes, int element_bytes, const char* order,
                   std::vector<int> shape) {
    return nlohmann::json{{"addr", addr},
                          {"bytes", bytes},
                          {"element_bytes", element_bytes},
                          {"order", order},
                          {"shape", shape}};
  };
  return {{"input", region(d.input_addr, d.input_bytes, d.data_bytes, "N H+2pad W+2pad C",
                           {d.n, d.hp, d.wp, d.c})},
          {"weight", region(d.weight_addr, d.weight_bytes, d.data_bytes, "G R S C/G K/G",
                            {d.groups, d.r, d.s, d.cg, d.kg})},
          {"output",
           region(d.output_addr, d.output_bytes, d.acc_bytes, "N P Q K", {d.n, d.p, d.q, d.k})},
          {"total_bytes", d.total_bytes}};
}

}  // namespace codesign::mapping
