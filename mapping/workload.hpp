// Workloads: the layers of a network as plain shapes. Every layer is a (grouped) 2-D
// convolution; fully-connected layers and batched matrix products are written as special
// convolutions so that one loop nest, one compiler and one model serve them all:
//   fc      batch B, in I, out O      -> conv N=B, C=I, K=O, H=W=R=S=1
//   matmul  batch B of (M x Kd)(Kd x Nd) -> conv groups=B, C=B*Kd, K=B*Nd, H=M, W=1, R=S=1
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace codesign::mapping {

// Limits of a layer. Sizes and counts are ints; every derived quantity is checked (in 64
// bits) so that all arithmetic on a valid layer fits: output sizes within the padded input,
// each tensor within 2^31 - 1 elements (DRAM addresses are 32-bit anyway), and the
// multiply-accumulates of a workload, repeats counted, within 2^50.
inline constexpr int kMaxLayerDim = 1 << 20;  // any single size, count or repeat
inline constexpr std::int64_t kMaxTensorElements = (std::int64_t{1} << 31) - 1;
inline constexpr std::uint64_t kMaxWorkloadMacs = std::uint64_t{1} << 50;

enum class LayerKind : std::uint8_t { kConv2d, kFullyConnected, kMatmul };
const char* to_string(LayerKind k);

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::kConv2d;
  int n = 1;         // batch
  int groups = 1;    // depthwise: groups == c == k
  int k = 1;         // output channels (all groups)
  int c = 1;         // input channels (all groups)
  int h = 1, w = 1;  // input height and width, before padding
  int r = 1, s = 1;  // filter height and width
  int stride = 1, padding = 0, dilation = 1;
  int repeat = 1;  // how many times the layer occurs in the network

  int p() const;  // output height
  int q() const;  // output width
  int padded_h() const { return h + 2 * padding; }
  int padded_w() const { return w + 2 * padding; }
  int k_per_group() const { return k / groups; }
  int c_per_group() const { return c / groups; }
  // Multiply-accumulates of one occurrence (excluding repeat).
  std::uint64_t macs() const;
  // Of those, MACs whose input operand lies in the zero padding (independent of the mapping).
  std::uint64_t padding_macs() const;
};

// Throws util::ConfigError naming `path` and the key if the shape is impossible or beyond
// the limits above (its MACs, repeats counted, included).
void validate(const Layer& l, const std::string& path);

// A pointwise layer (1x1 filter, stride 1, no padding) as one row of H*W pixels: the same
// computation with byte-identical DRAM images (dram_layout.hpp), but a row loop long
// enough to fill the array's rows (a 7x7 image only fills 7). Other layers unchanged.
Layer flattened(const Layer& l);

// Layer names are unique within a workload (mapping files and exports are keyed by them).
struct Workload {
  std::string name;
  std::vector<Layer> layers;
  std::uint64_t total_macs() const;  // repeats included
};

Layer layer_from_json(const nlohmann::json& j, const std::string& path);
nlohmann::json to_json(const Layer& l);

// A layer's computation as text, without its name and repeat: layers with equal keys compute
// the same thing, so one inner search or one simulation serves them all.
std::string shape_key(const Layer& l);

// The layers' distinct shapes, in order of first appearance, each with the repeats of all its
// layers summed (a network's cost is summed over these), and for every layer its shape's index.
struct Shapes {
  std::vector<Layer> distinct;
  std::vector<std::size_t> of_layer;
};
Shapes distinct_shapes(const std::vector<Layer>& layers);
Workload workload_from_json(const nlohmann::json& j, const std::string& path);
Workload load_workload(const std::string& file);
nlohmann::json to_json(const Workload& w);

}  // namespace codesign::mapping
