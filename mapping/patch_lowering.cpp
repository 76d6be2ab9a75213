#include "mapping/patch_lowering.hpp"

#include <algorithm>
#include <stdexcept>

#include "util/json_reader.hpp"

namespace codesign::mapping {

namespace {

bool is_depthwise(const Layer& l) {
  return l.kind == LayerKind::kConv2d && l.c_per_group() == 1 && l.k_per_group() == 1;
}

// Padded input extent the lowered layer reads along one axis: `tiles` patches of t outputs.
int lowered_padded_extent(int outputs, int t, int stride, int filter) {
  const int tiles = (outputs + t - 1) / t;
  return (tiles * t - 1) * stride + filter;
}

void require_patch(const Layer& l, int t) {
  if (t < 2 || !is_depthwise(l) || l.dilation != 1)
    throw std::invalid_argument("patch lowering: layer " + l.name + " with patch " +
                                std::to_string(t) + " is not a depthwise convolution to lower");
}

}  // namespace

std::string patch_reason(const arch::BuildConfig& b, const Layer& l, int t) {
  if (t < 1 || t > kMaxPatch)
    return "patch " + std::to_string(t) + " must be in [1, " + std::to_string(kMaxPatch) + "]";
  if (t == 1) return "";
  if (!is_depthwise(l))
    return "patches lower depthwise convolutions only (one input and one output channel per "
           "group)";
  if (l.dilation != 1) return "patches need a filter without dilation";
  if (t * t > b.cols)
    return "a patch of " + std::to_string(t) + "x" + std::to_string(t) + " pixels exceeds the " +
           std::to_string(b.cols) + " array columns";
  try {
    validate(patch_lowered(l, t), "patch");
  } catch (const util::ConfigError& e) {
    return std::string("the lowered layer is beyond the limits: ") + e.what();
  }
  return "";
}

int max_patch(const arch::BuildConfig& b, const Layer& l) {
  int t = 1;
  while (patch_reason(b, l, t + 1).empty()) ++t;
  return t;
}

Layer patch_lowered(const Layer& l, int t) {
  require_patch(l, t);
  Layer x = l;
  x.k = l.groups * t * t;
  x.r = (t - 1) * l.stride + l.r;
  x.s = (t - 1) * l.stride + l.s;
  x.stride = t * l.stride;
  // The input grows (zeros) when the edge patches read past the padded image; it never
  // shrinks, so the rows the depthwise outputs read keep their place and values.
  x.h = std::max(l.h, lowered_padded_extent(l.p(), t, l.stride, l.r) - 2 * l.padding);
  x.w = std::max(l.w, lowered_padded_extent(l.q(), t, l.stride, l.s) - 2 * l.padding);
  return x;
}

Executed executed(const Layer& l, const Mapping& m) {
  if (m.patch == 1) return {l, m};
  Executed e{patch_lowered(l, m.patch), m};
  e.mapping.patch = 1;
  return e;
}

LayerTensors patch_tensors(const Layer& l, int t, const LayerTensors& depthwise) {
  const Layer x = patch_lowered(l, t);
  LayerTensors out;
  out.input.assign(static_cast<std::size_t>(x.n) * x.h * x.w * x.c, 0);
  for (int n = 0; n < l.n; ++n)
    for (int h = 0; h < l.h; ++h)
      for (int w = 0; w < l.w; ++w)
        for (int c = 0; c < l.c; ++c)
          out.input[((static_cast<std::size_t>(n) * x.h + h) * x.w + w) * x.c + c] =
              depthwise.input[((static_cast<std::size_t>(n) * l.h + h) * l.w + w) * l.c + c];
  // Weights [g][r'][s'][0][a t + b].
  out.weight.assign(static_cast<std::size_t>(x.groups) * x.r * x.s * t * t, 0);
  for (int g = 0; g < l.groups; ++g)
    for (int a = 0; a < t; ++a)
      for (int bb = 0; bb < t; ++bb)
        for (int r = 0; r < l.r; ++r)
          for (int s = 0; s < l.s; ++s) {
            const int rr = a * l.stride + r, ss = bb * l.stride + s;
            out.weight[((static_cast<std::size_t>(g) * x.r + rr) * x.s + ss) * t * t + a * t + bb] =
                depthwise.weight[(static_cast<std::size_t>(g) * l.r + r) * l.s + s];
          }
  return out;
}

std::vector<std::uint64_t> outputs_from_patches(const Layer& l, int t,
                                                const std::vector<std::uint64_t>& lowered) {
  const Layer x = patch_lowered(l, t);
  const std::size_t want = static_cast<std::size_t>(x.n) * x.p() * x.q() * x.k;
  if (lowered.size() != want)
    throw std::invalid_argument("outputs_from_patches: " + std::to_string(lowered.size()) +
                                " outputs for layer " + l.name + ", expected " +
                                std::to_string(want));
  std::vector<std::uint64_t> out(static_cast<std::size_t>(l.n) * l.p() * l.q() * l.k);
  for (int n = 0; n < l.n; ++n)
    for (int p = 0; p < l.p(); ++p)
      for (int q = 0; q < l.q(); ++q)
        for (int g = 0; g < l.k; ++g) {
          const int lane = (p % t) * t + q % t;
          out[((static_cast<std::size_t>(n) * l.p() + p) * l.q() + q) * l.k + g] =
              lowered[((static_cast<std::size_t>(n) * x.p() + p / t) * x.q() + q / t) * x.k +
                      g * t * t + lane];
        }
  return out;
}

std::uint64_t patch_extra_macs(const Layer& l, int t) {
  return patch_lowered(l, t).macs() - l.macs();
}

}  // namespace codesign::mapping
