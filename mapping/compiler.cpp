#include "mapping/compiler.hpp"

#include <algorithm>
#include <vector>

#include "mapping/patch_lowering.hpp"
#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"

namespace codesign::mapping {

namespace {

using arch::BufferId;
using arch::Command;

constexpr int kIn = static_cast<int>(Tensor::kInput);
constexpr int kW = static_cast<int>(Tensor::kWeight);
constexpr int kOut = static_cast<int>(Tensor::kOutput);

int at(const DimArray& a, Dim d) { return a[index(d)]; }
std::uint32_t u32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }

// Visits every point of the loop nest with `extent[d]` iterations per loop, loops nested in
// `order` (outermost first), passing the index of every loop.
template <typename F>
void for_each_point(const DimArray& extent, const DimOrder& order, F&& f) {
  DimArray idx{};
  while (true) {
    f(static_cast<const DimArray&>(idx));
    int level = kNumDims - 1;
    for (; level >= 0; --level) {
      const int i = index(order[level]);
      if (++idx[i] < extent[i]) break;
      idx[i] = 0;
    }
    if (level < 0) return;
  }
}

// One on-chip tile: where it starts and how far it reaches along each loop.
struct Tile {
  DimArray dram_index{}, origin{}, extent{};
};

class Compiler {
 public:
  Compiler(const arch::BuildConfig& b, const Layer& l, const Mapping& m)
      : l_(l), m_(m), t_(tiling_of(l, m)), d_(dram_layout_of(b, l)) {
    os_ = m.dataflow == arch::Dataflow::kOutputStationary;
    for (int i = 0; i < kNumTensors; ++i)
      half_size_[i] = m.double_buffer ? tile_entries(b, static_cast<Tensor>(i), true) : 0;
  }

  arch::Program run() {
    std::vector<Tile> tiles;
    for_each_point(t_.dram_tiles, m_.dram_order, [&](const DimArray& idx) {
      Tile tile;
      tile.dram_index = idx;
      for (int i = 0; i < kNumDims; ++i) {
        tile.origin[i] = idx[i] * m_.buffer_tile[i];
        tile.extent[i] = std::min(m_.buffer_tile[i], t_.bound[i] - tile.origin[i]);
      }
      tiles.push_back(tile);
    });
    const int n = static_cast<int>(tiles.size());
    // changed[i][t]: tensor t's tile differs from iteration i-1's; half[i][t]: its half.
    std::vector<std::array<bool, kNumTensors>> changed(n);
    std::vector<std::array<int, kNumTensors>> half(n);
    for (int i = 0; i < n; ++i)
      for (int t = 0; t < kNumTensors; ++t) {
        changed[i][t] = i == 0;
        for (Dim d : kAllDims)
          if (i > 0 && depends_on(static_cast<Tensor>(t), d) &&
              tiles[i].dram_index[index(d)] != tiles[i - 1].dram_index[index(d)])
            changed[i][t] = true;
        half[i][t] = i == 0 ? 0 : (half[i - 1][t] ^ (changed[i][t] && m_.double_buffer ? 1 : 0));
      }
    auto loads = [&](int i) {
      for (int t : {kIn, kW})
        if (changed[i][t]) emit_loads(static_cast<Tensor>(t), tiles[i], base(t, half[i][t]));
    };
    auto store_previous = [&](int i) {
      if (i > 0 && changed[i][kOut]) emit_stores(tiles[i - 1], base(kOut, half[i - 1][kOut]));
    };
    for (int i = 0; i < n; ++i) {
      if (m_.double_buffer) {
        if (i == 0) {
          loads(0);
          flush();
        }
        emit_computes(tiles[i], half[i]);
        if (i + 1 < n) loads(i + 1);
        store_previous(i);
        flush();
      } else {
        loads(i);
        store_previous(i);
        flush();
        emit_computes(tiles[i], half[i]);
        flush();
      }
    }
    emit_stores(tiles[n - 1], base(kOut, half[n - 1][kOut]));
    flush();
    return std::move(program_);
  }

 private:
  std::uint32_t base(int tensor, int half) const {
    return static_cast<std::uint32_t>(half * half_size_[tensor]);
  }

  // Linear index of a compute block in a tensor's tile grid (loops in Dim order).
  std::int64_t block_index(Tensor t, const DimArray& block) const {
    std::int64_t idx = 0;
    for (Dim d : kAllDims)
      if (depends_on(t, d)) idx = idx * t_.compute_blocks[index(d)] + block[index(d)];
    return idx;
  }

  // Calls f(block, start, extent) for every compute block of a tile, in `order`.
  template <typename F>
  void for_each_block(const Tile& tile, const DimOrder& order, F&& f) const {
    DimArray blocks{};
    for (int i = 0; i < kNumDims; ++i) blocks[i] = tiles(tile.extent[i], m_.compute_tile[i]);
    for_each_point(blocks, order, [&](const DimArray& blk) {
      DimArray start{}, extent{};
      for (int i = 0; i < kNumDims; ++i) {
        start[i] = tile.origin[i] + blk[i] * m_.compute_tile[i];
        extent[i] = std::min(m_.compute_tile[i], tile.extent[i] - blk[i] * m_.compute_tile[i]);
      }
      f(blk, start, extent);
    });
  }

  // Blocks of one tensor: only the loops it depends on vary.
  template <typename F>
  void for_each_tensor_block(Tensor t, const Tile& tile, F&& f) const {
    Tile view = tile;
    for (Dim d : kAllDims)
      if (!depends_on(t, d)) view.extent[index(d)] = 1;
    for_each_block(view, kAllDims, f);
  }

  // A block's start in the layer's own loops: a flattened mapping's start (mapping.hpp)
  // unflattened.
  DimArray real(DimArray a) const {
    if (!m_.flatten) return a;
    if (os_) {
      const int pixel = at(a, Dim::kQ), q = l_.q();
      a[index(Dim::kP)] = pixel / q;
      a[index(Dim::kQ)] = pixel % q;
    } else {
      const int y = at(a, Dim::kC), cg = l_.c_per_group();
      a[index(Dim::kR)] = y / (l_.s * cg);
      a[index(Dim::kS)] = y / cg % l_.s;
      a[index(Dim::kC)] = y % cg;
    }
    return a;
  }

  // The LOAD of input vectors whose lanes start at real block start `a`, wrapped across rows
  // when the mapping is flattened.
  Command input_load(const Command& c, const DimArray& a) const {
    if (!m_.flatten) return c;
    const DramLayout::Wrap w = d_.input_wrap(m_.dataflow);
    const int start = os_                     ? at(a, Dim::kQ)
                      : l_.c_per_group() == 1 ? at(a, Dim::kS)
                                              : at(a, Dim::kS) * l_.c + at(a, Dim::kC);
    return c.wrapped(w.len, u32(start), u32(w.wrap_stride));
  }

  std::uint32_t block_base(Tensor t, std::uint32_t half_base, const DimArray& blk) const {
    const int ti = static_cast<int>(t);
    return half_base + u32(block_index(t, blk) * t_.block_vectors[ti]);
  }

  // Calls f(i, j, vector offset, count) for the commands of one block whose vectors are
  // dense over (outer, inner, run), run fastest: one command per index of the loops in
  // command_loops(), the other loops merged into the command's count.
  template <typename F>
  void for_each_command(Tensor t, Dim outer, Dim inner, Dim run, const DimArray& e, F&& f) const {
    const unsigned loops = command_loops(l_, m_, t);
    const bool per_outer = loops & (1u << index(outer)), per_inner = loops & (1u << index(inner));
    const int count = at(e, run) * (per_inner ? 1 : at(e, inner)) * (per_outer ? 1 : at(e, outer));
    for (int i = 0; i < (per_outer ? at(e, outer) : 1); ++i)
      for (int j = 0; j < (per_inner ? at(e, inner) : 1); ++j)
        f(i, j, u32((i * at(e, inner) + j) * at(e, run)), u32(count));
  }

  void emit_loads(Tensor t, const Tile& tile, std::uint32_t half_base) {
    const std::uint32_t db = u32(d_.data_bytes);
    const std::uint32_t kg_stride = u32(std::uint64_t{db} * l_.k_per_group());
    const int cg = l_.c_per_group(), stride = l_.stride, dil = l_.dilation;
    const BufferId buf = t == Tensor::kInput ? BufferId::kInput : BufferId::kWeight;
    for_each_tensor_block(
        t, tile, [&](const DimArray& blk, const DimArray& view, const DimArray& e) {
          const std::uint32_t spad = block_base(t, half_base, blk);
          const DimArray a = real(view);
          const int ch = at(a, Dim::kG) * cg + at(a, Dim::kC);
          if (os_) {
            // Vectors (r, s, c) of the block, filter taps of one channel run per command.
            for_each_command(
                t, Dim::kR, Dim::kS, Dim::kC, e,
                [&](int r, int s, std::uint32_t offset, std::uint32_t count) {
                  const int rr = at(a, Dim::kR) + r, ss = at(a, Dim::kS) + s;
                  if (t == Tensor::kInput) {
                    const int lanes = at(e, m_.row_dim);
                    const std::uint32_t step = lanes > 1 ? u32(d_.input_pixel_step(m_.row_dim)) : 0;
                    const std::uint64_t dram =
                        d_.input(at(a, Dim::kN), at(a, Dim::kP) * stride + rr * dil,
                                 at(a, Dim::kQ) * stride + ss * dil, ch);
                    add(input_load(
                        Command::load(buf, spad + offset, u32(dram), count, u32(lanes), step, db),
                        a));
                  } else {
                    const std::uint64_t dram =
                        d_.weight(at(a, Dim::kG), rr, ss, at(a, Dim::kC), at(a, Dim::kK));
                    add(Command::load(buf, spad + offset, u32(dram), count, u32(at(e, Dim::kK)), db,
                                      kg_stride));
                  }
                });
          } else if (t == Tensor::kInput) {
            // Vectors (n, p, q) of the block, channels across lanes, rows of pixels per command.
            for_each_command(t, Dim::kN, Dim::kP, Dim::kQ, e,
                             [&](int n, int p, std::uint32_t offset, std::uint32_t count) {
                               const std::uint64_t dram =
                                   d_.input(at(a, Dim::kN) + n,
                                            (at(a, Dim::kP) + p) * stride + at(a, Dim::kR) * dil,
                                            at(a, Dim::kQ) * stride + at(a, Dim::kS) * dil, ch);
                               const std::uint32_t es =
                                   m_.flatten ? u32(d_.input_wrap(m_.dataflow).elem_stride) : db;
                               add(input_load(Command::load(buf, spad + offset, u32(dram), count,
                                                            u32(at(e, Dim::kC)), es,
                                                            u32(d_.input_pixel_step(Dim::kQ))),
                                              a));
                             });
          } else {
            const std::uint64_t dram = d_.weight(at(a, Dim::kG), at(a, Dim::kR), at(a, Dim::kS),
                                                 at(a, Dim::kC), at(a, Dim::kK));
            add(Command::load(buf, spad, u32(dram), u32(at(e, Dim::kC)), u32(at(e, Dim::kK)), db,
                              kg_stride));
          }
        });
  }

  void emit_stores(const Tile& tile, std::uint32_t half_base) {
    const std::uint32_t ab = u32(d_.acc_bytes);
    const int kg = l_.k_per_group();
    const Tensor out = Tensor::kOutput;
    for_each_tensor_block(
        out, tile, [&](const DimArray& blk, const DimArray& view, const DimArray& e) {
          const std::uint32_t spad = block_base(out, half_base, blk);
          const DimArray a = real(view);
          const int ch = at(a, Dim::kG) * kg + at(a, Dim::kK);
          const auto lanes = u32(at(e, Dim::kK));
          if (os_) {
            const std::uint64_t dram =
                d_.output(at(a, Dim::kN), at(a, Dim::kP), at(a, Dim::kQ), ch);
            add(Command::store(spad, u32(dram), u32(at(e, m_.row_dim)), lanes, ab,
                               u32(d_.output_pixel_step(m_.row_dim))));
            return;
          }
          for_each_command(out, Dim::kN, Dim::kP, Dim::kQ, e,
                           [&](int n, int p, std::uint32_t offset, std::uint32_t count) {
                             const std::uint64_t dram = d_.output(
                                 at(a, Dim::kN) + n, at(a, Dim::kP) + p, at(a, Dim::kQ), ch);
                             add(Command::store(spad + offset, u32(dram), count, lanes, ab,
                                                u32(d_.output_pixel_step(Dim::kQ))));
                           });
        });
  }

  void emit_computes(const Tile& tile, const std::array<int, kNumTensors>& half) {
    for_each_block(
        tile, m_.buffer_order, [&](const DimArray& blk, const DimArray&, const DimArray& e) {
          bool accumulate = false;
          for (Dim d : kAllDims)
            if (is_reduction(d) && (tile.dram_index[index(d)] > 0 || blk[index(d)] > 0))
              accumulate = true;
          const std::uint32_t a = block_base(Tensor::kInput, base(kIn, half[kIn]), blk);
          const std::uint32_t w = block_base(Tensor::kWeight, base(kW, half[kW]), blk);
          const std::uint32_t acc = block_base(Tensor::kOutput, base(kOut, half[kOut]), blk);
          const auto n = u32(at(e, Dim::kK));
          if (os_) {
            const auto k = u32(at(e, Dim::kC) * at(e, Dim::kR) * at(e, Dim::kS));
            computes_.push_back(
                Command::compute(m_.dataflow, a, w, acc, u32(at(e, m_.row_dim)), n, k, accumulate));
            return;
          }
          const auto m = u32(at(e, Dim::kN) * at(e, Dim::kP) * at(e, Dim::kQ));
          const auto k = u32(at(e, Dim::kC));
          // The array still holds this block's weights when the step's previous COMPUTE used them.
          const bool keep =
              !computes_.empty() && computes_.back().b_addr == w && computes_.back().k == k;
          computes_.push_back(Command::compute(m_.dataflow, a, w, acc, m, n, k, accumulate, keep));
        });
  }

  void add(const Command& c) { (c.op == arch::Opcode::kLoad ? loads_ : stores_).push_back(c); }

  // Ends a step: the three engines' commands interleaved, then SYNC.
  void flush() {
    const std::size_t most = std::max({loads_.size(), computes_.size(), stores_.size()});
    if (most == 0) return;
    for (std::size_t i = 0; i < most; ++i)
      for (const std::vector<Command>* q : {&computes_, &loads_, &stores_})
        if (i < q->size()) program_.push_back((*q)[i]);
    program_.push_back(Command::sync());
    loads_.clear();
    computes_.clear();
    stores_.clear();
  }

  const Layer& l_;
  const Mapping& m_;
  const Tiling t_;
  const DramLayout d_;
  bool os_ = true;
  std::array<int, kNumTensors> half_size_{};
  std::vector<Command> loads_, computes_, stores_;
  arch::Program program_;
};

}  // namespace

CompiledLayer compile(const arch::BuildConfig& b, const Layer& l, const Mapping& m) {
  require_valid(b, l, m, "mapping of layer " + l.name);
  if (m.patch != 1) {
    const Executed e = executed(l, m);
    return compile(b, e.layer, e.mapping);
  }
  CompiledLayer c;
  c.program = Compiler(b, l, m).run();
  c.layout = dram_layout_of(b, l);
  return c;
}

}  // namespace codesign::mapping
