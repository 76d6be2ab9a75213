// A mapping: how one layer's loop nest runs on the accelerator. Every layer is the grouped
// convolution loop nest over eight loops (workload.hpp); a mapping tiles it at two levels:
//   DRAM level:    loops over on-chip tiles of size buffer_tile, in dram_order; each tile is
//                  loaded into the input/weight buffers, its outputs kept in the accumulator;
//   buffer level:  loops over compute tiles of size compute_tile, in buffer_order; one
//                  COMPUTE command per compute tile.
// Inside a COMPUTE, the dataflow fixes what is spatial and what is streamed (arch/isa.hpp):
//   output-stationary: row_dim (N, P or Q) across rows, K across cols, C*R*S streamed;
//   weight-stationary: C across rows, K across cols, N*P*Q streamed.
// With flatten, the row loop runs over a flattened index so that tiles stay full across row
// ends (the input LOADs gather im2col-style, arch/isa.hpp's wrap):
//   output-stationary (row_dim Q): the output pixels of one image, P*Q of them row-major
//     (the mapping's P loop has bound 1, its Q loop bound P*Q);
//   weight-stationary (row_dim C): the reduction C/G*R*S, (r, s, c) with c fastest (R and S
//     have bound 1, C has bound C/G*R*S); needs one group and no dilation, or C/G = 1.
// With patch t > 1 (depthwise layers only), the mapping maps the layer lowered to patches of
// t x t output pixels across the columns (patch_lowering.hpp): its tiles and bounds are the
// lowered layer's.
// Tiles need not divide the bounds: the last tile of a loop is the remainder (edge tile).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "arch/hw_config.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// The loops of a layer. C and K are per group; P, Q are output rows and columns.
enum class Dim : std::uint8_t { kN, kG, kK, kC, kP, kQ, kR, kS };
inline constexpr int kNumDims = 8;
inline constexpr std::array<Dim, kNumDims> kAllDims = {Dim::kN, Dim::kG, Dim::kK, Dim::kC,
                                                       Dim::kP, Dim::kQ, Dim::kR, Dim::kS};
using DimArray = std::array<int, kNumDims>;
using DimOrder = std::array<Dim, kNumDims>;  // outermost first

inline constexpr int index(Dim d) { return static_cast<int>(d); }
const char* to_string(Dim d);
// Loops summed over (they do not index the output).
inline constexpr bool is_reduction(Dim d) { return d == Dim::kC || d == Dim::kR || d == Dim::kS; }
// The loop bounds of a layer, indexed by Dim.
DimArray bounds_of(const Layer& l);

struct Mapping {
  arch::Dataflow dataflow = arch::Dataflow::kOutputStationary;
  Dim row_dim = Dim::kQ;  // unrolled across array rows
  Dim col_dim = Dim::kK;  // unrolled across array columns (K is the only choice the ISA has)
  DimArray buffer_tile{1, 1, 1, 1, 1, 1, 1, 1};   // on-chip tile extent per loop
  DimArray compute_tile{1, 1, 1, 1, 1, 1, 1, 1};  // one COMPUTE's extent per loop
  DimOrder dram_order = kAllDims;
  DimOrder buffer_order = kAllDims;
  bool double_buffer = false;
  bool flatten = false;
  int patch = 1;  // side of the output patch a depthwise layer is lowered to (1: not lowered)

  bool operator==(const Mapping& o) const;
  bool operator!=(const Mapping& o) const { return !(*this == o); }
};

// The loop bounds a mapping tiles: the layer's, or its flattened or patch-lowered view.
DimArray bounds_of(const Layer& l, const Mapping& m);
// The dataflow, with the patch a depthwise layer is lowered to: "os", "ws 4x4".
std::string mode_name(const Mapping& m);
// Why flattening the row loop of this dataflow is not possible on this layer ("" if it is).
std::string flatten_reason(const Layer& l, arch::Dataflow df);

// Loop-count helpers: number of tiles of `tile` covering `bound` (the last may be partial).
inline constexpr int tiles(int bound, int tile) { return (bound + tile - 1) / tile; }

nlohmann::json to_json(const Mapping& m);
// Reads the JSON written by to_json (files without "flatten" or "patch", written before
// they existed, read as unflattened and not lowered); "patch" is written only when > 1; only the
// representation is checked here (validity.hpp checks the mapping against a layer and a hardware
// point).
Mapping mapping_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace codesign::mapping
