#include "mapping/validity.hpp"

#include "arch/isa.hpp"
#include "mapping/dram_layout.hpp"
#include "mapping/patch_lowering.hpp"
#include "mapping/tiling.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

namespace {

bool is_permutation(const DimOrder& o) {
  std::array<bool, kNumDims> seen{};
  for (Dim d : o) {
    if (index(d) < 0 || index(d) >= kNumDims || seen[index(d)]) return false;
    seen[index(d)] = true;
  }
  return true;
}

std::string tile_reason(const char* level, Dim d, int v, int lo, int hi) {
  return std::string(level) + "[" + to_string(d) + "] = " + std::to_string(v) + " must be in [" +
         std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

const char* tensor_name(int t) { return t == 0 ? "input" : t == 1 ? "weight" : "accumulator"; }

}  // namespace

std::string check_mapping(const arch::BuildConfig& b, const Layer& l, const Mapping& m) {
  if (m.patch != 1) {
    const std::string why = patch_reason(b, l, m.patch);
    if (!why.empty()) return "patch: " + why;
    const Executed e = executed(l, m);
    return check_mapping(b, e.layer, e.mapping);
  }
  const bool os = m.dataflow == arch::Dataflow::kOutputStationary;
  if (!b.supports(m.dataflow))
    return std::string("dataflow ") + arch::to_string(m.dataflow) + " is not built into this RTL";
  if (m.col_dim != Dim::kK) return "col_dim must be K: array columns unroll output channels";
  if (os && !(m.row_dim == Dim::kN || m.row_dim == Dim::kP || m.row_dim == Dim::kQ))
    return "row_dim must be N, P or Q under output-stationary";
  if (!os && m.row_dim != Dim::kC) return "row_dim must be C under weight-stationary";
  if (m.flatten) {
    if (os && m.row_dim != Dim::kQ)
      return "flatten: output-stationary flattens output pixels, row_dim must be Q";
    const std::string why = flatten_reason(l, m.dataflow);
    if (!why.empty()) return "flatten: " + why;
  }
  if (!is_permutation(m.dram_order)) return "dram_order must be a permutation of the 8 loops";
  if (!is_permutation(m.buffer_order)) return "buffer_order must be a permutation of the 8 loops";

  const DimArray bound = bounds_of(l, m);
  for (Dim d : kAllDims) {
    const int i = index(d);
    if (m.buffer_tile[i] < 1 || m.buffer_tile[i] > bound[i])
      return tile_reason("buffer_tile", d, m.buffer_tile[i], 1, bound[i]);
    // COMPUTE covers the spatial loops and the streamed (vector) loops of the input.
    const bool in_compute =
        d == m.row_dim || d == m.col_dim || is_vector_dim(m.dataflow, m.row_dim, Tensor::kInput, d);
    const int hi = in_compute ? m.buffer_tile[i] : 1;
    if (m.compute_tile[i] < 1 || m.compute_tile[i] > hi)
      return tile_reason("compute_tile", d, m.compute_tile[i], 1, hi);
  }
  const DimArray& t = m.compute_tile;
  if (t[index(m.row_dim)] > b.rows)
    return "spatial fan-out: compute_tile[" + std::string(to_string(m.row_dim)) +
           "] = " + std::to_string(t[index(m.row_dim)]) + " exceeds the array's " +
           std::to_string(b.rows) + " rows";
  if (t[index(Dim::kK)] > b.cols)
    return "spatial fan-out: compute_tile[K] = " + std::to_string(t[index(Dim::kK)]) +
           " exceeds the array's " + std::to_string(b.cols) + " columns";

  // ISA field limits.
  const std::int64_t streamed =
      os ? std::int64_t{t[index(Dim::kC)]} * t[index(Dim::kR)] * t[index(Dim::kS)]
         : std::int64_t{t[index(Dim::kN)]} * t[index(Dim::kP)] * t[index(Dim::kQ)];
  if (streamed > arch::kMaxCount)
    return std::string("ISA: a COMPUTE streams ") + std::to_string(streamed) +
           (os ? " reduction steps (k)" : " pixels (m)") + ", more than 65535";
  const DramLayout layout = dram_layout_of(b, l);
  if (layout.total_bytes > 0xFFFFFFFFull)
    return "DRAM: the layer's tensors take " + std::to_string(layout.total_bytes) +
           " bytes (input " + std::to_string(layout.input_bytes) + ", weights " +
           std::to_string(layout.weight_bytes) + ", outputs " +
           std::to_string(layout.output_bytes) +
           "), more than the ISA's 32-bit addresses reach (4 GiB)";
  if (os && t[index(m.row_dim)] > 1 && layout.input_pixel_step(m.row_dim) > arch::kMaxElemStride)
    return "ISA: input lanes along " + std::string(to_string(m.row_dim)) + " are " +
           std::to_string(layout.input_pixel_step(m.row_dim)) +
           " bytes apart in DRAM, more than elem_stride's 65535";
  if (m.flatten) {
    const DramLayout::Wrap w = layout.input_wrap(m.dataflow);
    if (w.elem_stride > arch::kMaxElemStride || w.wrap_stride > arch::kMaxElemStride ||
        w.len > arch::kMaxCount)
      return "ISA: flattened input lanes need strides of " + std::to_string(w.elem_stride) +
             " and " + std::to_string(w.wrap_stride) + " bytes, more than the LOAD's 65535";
  }

  const Tiling tiling = tiling_of(l, m);
  // Partial sums stay in the accumulator: at DRAM level, reductions run innermost.
  bool seen_reduction = false;
  for (Dim d : m.dram_order) {
    if (tiling.dram_tiles[index(d)] == 1) continue;
    if (is_reduction(d))
      seen_reduction = true;
    else if (seen_reduction)
      return std::string("dram_order: output loop ") + to_string(d) +
             " runs inside a reduction loop, but partial sums cannot leave the accumulator";
  }

  const int full = overfull_tensor(b, tiling, m.double_buffer);
  if (full >= 0)
    return std::string("capacity: the ") + tensor_name(full) + " tile needs " +
           std::to_string(tiling.tile_vectors[full]) + " vectors, the buffer has " +
           std::to_string(tile_entries(b, static_cast<Tensor>(full), m.double_buffer)) +
           (m.double_buffer ? " per half (double buffering)" : "");
  return "";
}

bool is_valid(const arch::BuildConfig& b, const Layer& l, const Mapping& m) {
  return check_mapping(b, l, m).empty();
}

void require_valid(const arch::BuildConfig& b, const Layer& l, const Mapping& m,
                   const std::string& path) {
  const std::string reason = check_mapping(b, l, m);
  if (!reason.empty()) throw util::ConfigError(path + ": " + reason);
}

}  // namespace codesign::mapping
