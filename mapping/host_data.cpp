#include "mapping/host_data.hpp"

#include <random>
#include <stdexcept>

namespace codesign::mapping {

namespace {

std::uint64_t mask(int bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

void put(std::vector<std::uint8_t>& dram, std::uint64_t addr, int bytes, std::uint64_t v) {
  for (int i = 0; i < bytes; ++i) dram.at(addr + i) = static_cast<std::uint8_t>(v >> (8 * i));
}

std::size_t input_index(const Layer& l, int n, int h, int w, int c) {
  return ((static_cast<std::size_t>(n) * l.h + h) * l.w + w) * l.c + c;
}

std::size_t weight_index(const Layer& l, int g, int r, int s, int c, int k) {
  return (((static_cast<std::size_t>(g) * l.r + r) * l.s + s) * l.c_per_group() + c) *
             l.k_per_group() +
         k;
}

}  // namespace

LayerTensors random_tensors(const Layer& l, int data_width, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::int64_t hi = (std::int64_t{1} << (data_width - 1)) - 1;
  std::uniform_int_distribution<std::int64_t> value(-hi - 1, hi);
  LayerTensors t;
  t.input.resize(static_cast<std::size_t>(l.n) * l.h * l.w * l.c);
  t.weight.resize(static_cast<std::size_t>(l.groups) * l.r * l.s * l.c_per_group() *
                  l.k_per_group());
  for (auto& v : t.input) v = value(rng);
  for (auto& v : t.weight) v = value(rng);
  return t;
}

std::vector<std::uint8_t> dram_image(const DramLayout& d, const Layer& l, const LayerTensors& t) {
  if (t.input.size() != static_cast<std::size_t>(l.n) * l.h * l.w * l.c ||
      t.weight.size() !=
          static_cast<std::size_t>(l.groups) * l.r * l.s * l.c_per_group() * l.k_per_group())
    throw std::invalid_argument("dram_image: tensor sizes do not match layer " + l.name);
  std::vector<std::uint8_t> dram(d.total_bytes, 0);  // the padding stays zero
  for (int n = 0; n < l.n; ++n)
    for (int h = 0; h < l.h; ++h)
      for (int w = 0; w < l.w; ++w)
        for (int c = 0; c < l.c; ++c)
          put(dram, d.input(n, h + l.padding, w + l.padding, c), d.data_bytes,
              static_cast<std::uint64_t>(t.input[input_index(l, n, h, w, c)]));
  for (int g = 0; g < l.groups; ++g)
    for (int r = 0; r < l.r; ++r)
      for (int s = 0; s < l.s; ++s)
        for (int c = 0; c < l.c_per_group(); ++c)
          for (int k = 0; k < l.k_per_group(); ++k)
            put(dram, d.weight(g, r, s, c, k), d.data_bytes,
                static_cast<std::uint64_t>(t.weight[weight_index(l, g, r, s, c, k)]));
  return dram;
}

std::vector<std::uint64_t> read_outputs(const DramLayout& d, const Layer& l,
                                        const std::vector<std::uint8_t>& dram) {
  std::vector<std::uint64_t> out;
  out.reserve(static_cast<std::size_t>(l.n) * l.p() * l.q() * l.k);
  for (int n = 0; n < l.n; ++n)
    for (int p = 0; p < l.p(); ++p)
      for (int q = 0; q < l.q(); ++q)
        for (int k = 0; k < l.k; ++k) {
          const std::uint64_t addr = d.output(n, p, q, k);
          std::uint64_t v = 0;
          for (int i = 0; i < d.acc_bytes; ++i)
            v |= static_cast<std::uint64_t>(dram.at(addr + i)) << (8 * i);
          out.push_back(v);
        }
  return out;
}

std::vector<std::uint64_t> golden_outputs(const Layer& l, const LayerTensors& t, int acc_width) {
  const int cg = l.c_per_group(), kg = l.k_per_group();
  std::vector<std::uint64_t> out;
  out.reserve(static_cast<std::size_t>(l.n) * l.p() * l.q() * l.k);
  for (int n = 0; n < l.n; ++n)
    for (int p = 0; p < l.p(); ++p)
      for (int q = 0; q < l.q(); ++q)
        for (int g = 0; g < l.groups; ++g)
          for (int k = 0; k < kg; ++k) {
            std::uint64_t sum = 0;  // wraps like the accumulator
            for (int r = 0; r < l.r; ++r)
              for (int s = 0; s < l.s; ++s) {
                const int h = p * l.stride + r * l.dilation - l.padding;
                const int w = q * l.stride + s * l.dilation - l.padding;
                if (h < 0 || h >= l.h || w < 0 || w >= l.w) continue;
                for (int c = 0; c < cg; ++c)
                  sum += static_cast<std::uint64_t>(t.input[input_index(l, n, h, w, g * cg + c)] *
                                                    t.weight[weight_index(l, g, r, s, c, k)]);
              }
            out.push_back(sum & mask(acc_width));
          }
  return out;
}

}  // namespace codesign::mapping
