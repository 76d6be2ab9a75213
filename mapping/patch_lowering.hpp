// Depthwise layers as patch convolutions. A depthwise layer (one input and one output
// channel per group) maps one column per group: the array's columns unroll output channels,
// and a column's inputs are shared along its row, so the other columns have nothing to do.
// A patch of t x t neighbouring output pixels of one channel is, however, a dense product:
//   out[p't + a][q't + b] = sum over a (t-1)s+R by (t-1)s+S input window of
//                           in[p'ts + r'][q'ts + s'] * W'[r'][s'][a t + b],
//   W'[r'][s'][a t + b] = w[r' - a s][s' - b s] inside the filter, 0 outside,
// so the layer becomes a grouped convolution with t*t output channels per group (the
// patch's pixels, across the columns), a filter as large as the patch's input window and a
// stride of t*s. Of a window's MACs, R*S per output are useful: at t = 4, 3x3, stride 1,
// that is 9 of 36, so a 16-column array reaches at most 25% utilisation against 1/16 for
// one column per channel. The edge patches are computed in full (their extra pixels are
// dropped) over an input extended with zeros.
//
// A mapping with patch t > 1 maps the lowered layer; every user of (layer, mapping) sees the
// depthwise layer and lowers it through executed(). The accelerator writes the lowered
// layer's outputs (patch pixels as channels); outputs_from_patches() reads them back in the
// depthwise layer's order. The lowered weights are the host's (patch_tensors()).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/host_data.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// Largest patch side a mapping may ask for; the array's columns bound it further.
inline constexpr int kMaxPatch = 16;

// Why patch t does not apply to this layer on this hardware ("" if it does; t = 1 always
// does): the layer must be a depthwise 2-D convolution without dilation, and the patch's
// t*t pixels must fit the array's columns.
std::string patch_reason(const arch::BuildConfig& b, const Layer& l, int t);

// The largest patch with every patch from 1 to it applicable (1: the layer is not lowered).
int max_patch(const arch::BuildConfig& b, const Layer& l);

// The grouped convolution computing patches of t x t outputs of depthwise layer l.
Layer patch_lowered(const Layer& l, int t);

// The layer a mapping runs on the accelerator and the mapping of it: (l, m) itself, or the
// patch-lowered layer with m's patch cleared.
struct Executed {
  Layer layer;
  Mapping mapping;
};
Executed executed(const Layer& l, const Mapping& m);

// The lowered layer's tensors from the depthwise layer's: the input extended with zeros,
// the patch weights W' above.
LayerTensors patch_tensors(const Layer& l, int t, const LayerTensors& depthwise);

// The depthwise layer's outputs [n][p][q][channel] from the lowered layer's
// [n][p'][q'][channel * t * t + a * t + b].
std::vector<std::uint64_t> outputs_from_patches(const Layer& l, int t,
                                                const std::vector<std::uint64_t>& lowered);

// MACs of the lowered layer beyond the depthwise layer's (zero weights and dropped edge
// pixels), all with a zero operand or discarded.
std::uint64_t patch_extra_macs(const Layer& l, int t);

}  // namespace codesign::mapping
