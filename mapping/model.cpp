#include "mapping/model.hpp"

#include <algorithm>
#include <cmath>

#include "mapping/tiling.hpp"

namespace codesign::mapping {

namespace {

using Mask = unsigned;  // one bit per loop
constexpr Mask bit(Dim d) { return 1u << index(d); }
constexpr Mask kReduction = bit(Dim::kC) | bit(Dim::kR) | bit(Dim::kS);
constexpr Mask kPixels = bit(Dim::kN) | bit(Dim::kP) | bit(Dim::kQ);
constexpr Mask kAll = 0xFF;

Mask mask_of(Tensor t) {
  Mask m = 0;
  for (Dim d : kAllDims)
    if (depends_on(t, d)) m |= bit(d);
  return m;
}

// prod over loops in `loops` of the tile extent (loops in `extent_loops`) or the number of
// compute blocks (the others): sums over a tile's blocks of products of block extents.
double mixed(const DimArray& e, const DimArray& nb, Mask loops, Mask extent_loops) {
  double p = 1;
  for (int i = 0; i < kNumDims; ++i)
    if (loops & (1u << i)) p *= (extent_loops & (1u << i)) ? e[i] : nb[i];
  return p;
}

// How the compiler moves one tensor (compiler.cpp): which loops it depends on, which loops
// step through a block's vectors, and which loops get one LOAD/STORE command per index.
// A flattened mapping's input vectors wrap their lanes (loop `lanes`) across rows of
// wrap_len, one read request per row segment.
struct Movement {
  Mask depends = 0, vectors = 0, per_command = 0, lanes = 0;
  double wrap_len = 0;
};

// Work of one on-chip tile with extents e.
struct TileWork {
  // compute_cycles: the COMPUTEs' periods; compute_tail: the rest of the execute engine's
  // occupancy in the step (timing.hpp).
  double computes = 0, compute_cycles = 0, compute_tail = 0, macs = 0;
  double input_reads = 0, weight_reads = 0, preloaded_weights = 0;
  double acc_writes = 0, first_acc_writes = 0;  // first: writes that start the sums
  double load_cmds[2] = {0, 0}, load_vectors[2] = {0, 0}, load_requests[2] = {0, 0};
  double load_bytes[2] = {0, 0};
  double store_cmds = 0, store_vectors = 0, store_bytes = 0;
};

// Per-layer-and-mapping constants of the closed form.
struct Plan {
  const Mapping* m = nullptr;
  bool os = true;
  Movement move[kNumTensors];
  Mask streamed = 0;      // loops a COMPUTE streams (k under OS, m under WS)
  Mask spatial_rows = 0;  // loops of a COMPUTE's m under OS
  const arch::BuildConfig* build = nullptr;
  const Timing* timing = nullptr;
  int data_bytes = 1, acc_bytes = 4;
};

double product_of(const DimArray& x, Mask loops) {
  double p = 1;
  for (int i = 0; i < kNumDims; ++i)
    if (loops & (1u << i)) p *= x[i];
  return p;
}

// Sum over the compute blocks of a tile with extents e (loops in `pinned` at their first
// block) of f(block extents), f depending only on the loops in `dep`: every combination of
// full and edge extents of those loops, weighted by how many blocks have it.
template <typename F>
double block_sum(const Mapping& m, const DimArray& e, const DimArray& nb, Mask pinned, Mask dep,
                 F&& f) {
  DimArray full{};
  int vary[kNumDims];
  int n_vary = 0;
  double count = 1;
  for (int i = 0; i < kNumDims; ++i) {
    full[i] = std::min(m.compute_tile[i], e[i]);
    if (pinned & (1u << i)) continue;
    const int last = e[i] - (nb[i] - 1) * m.compute_tile[i];
    if ((dep & (1u << i)) && nb[i] > 1 && last != full[i])
      vary[n_vary++] = i;
    else
      count *= nb[i];
  }
  double sum = 0;
  for (unsigned pick = 0; pick < (1u << n_vary); ++pick) {
    DimArray x = full;
    double c = count;
    for (int j = 0; j < n_vary; ++j) {
      const int d = vary[j];
      if (pick >> j & 1u)
        x[d] = e[d] - (nb[d] - 1) * m.compute_tile[d];
      else
        c *= nb[d] - 1;
    }
    sum += c * f(x);
  }
  return sum;
}

// DRAM bytes of tensor t's tile with extents e.
double tile_bytes(const Plan& p, const DimArray& e, int t) {
  double elements = 1;
  for (int i = 0; i < kNumDims; ++i)
    if (p.move[t].depends & (1u << i)) elements *= e[i];
  return elements * (t == 2 ? p.acc_bytes : p.data_bytes);
}

DimArray blocks_of(const Plan& p, const DimArray& e) {
  DimArray nb{};
  for (int i = 0; i < kNumDims; ++i) nb[i] = tiles(e[i], p.m->compute_tile[i]);
  return nb;
}

// The LOADs (t = 0, 1) or STOREs (t = 2) of tensor t's tile with extents e.
struct Transfer {
  double cmds = 0, vectors = 0, requests = 0, bytes = 0;
};
// Read requests of tensor t's tile (timing.hpp's load_requests summed over its blocks).
double requests_of(const Movement& mv, const DimArray& e, const DimArray& nb, double vectors) {
  if (mv.wrap_len <= 0) return vectors;
  return vectors + (mixed(e, nb, mv.depends, mv.vectors | mv.lanes) - vectors) / mv.wrap_len;
}
Transfer tile_transfer(const Plan& p, const DimArray& e, int t) {
  const DimArray nb = blocks_of(p, e);
  const Movement& mv = p.move[t];
  const double vectors = mixed(e, nb, mv.depends, mv.vectors);
  return {mixed(e, nb, mv.depends, mv.per_command), vectors, requests_of(mv, e, nb, vectors),
          tile_bytes(p, e, t)};
}

TileWork tile_work(const Plan& p, const DimArray& e) {
  const Mapping& m = *p.m;
  const DimArray nb = blocks_of(p, e);
  TileWork w;
  w.computes = mixed(e, nb, kAll, 0);
  w.macs = mixed(e, nb, kAll, kAll);
  const double streamed = mixed(e, nb, kAll, p.streamed);
  const Movement& out = p.move[static_cast<int>(Tensor::kOutput)];
  w.first_acc_writes = mixed(e, nb, out.depends, out.vectors);
  w.acc_writes = w.first_acc_writes * mixed(e, nb, kReduction, 0);
  // The last block visited has every loop's last extent.
  DimArray last{};
  for (int i = 0; i < kNumDims; ++i) last[i] = e[i] - (nb[i] - 1) * m.compute_tile[i];
  if (p.os) {
    w.input_reads = w.weight_reads = streamed;
    w.compute_cycles = block_sum(m, e, nb, 0, kReduction | p.spatial_rows, [&](const DimArray& x) {
      return Timing::compute_period(m.dataflow, product_of(x, p.spatial_rows),
                                    product_of(x, kReduction), false);
    });
    w.compute_tail =
        p.timing->compute_tail(*p.build, m.dataflow, false, product_of(last, p.spatial_rows),
                               product_of(last, kReduction), false);
  } else {
    w.input_reads = streamed;
    // Weights are preloaded whenever the buffer-level loop nest moves a weight loop; loops
    // inside the innermost such loop reuse them (keep_weights).
    const Mask weight = p.move[static_cast<int>(Tensor::kWeight)].depends;
    Mask outer = 0;
    for (int pos = kNumDims - 1, found = 0; pos >= 0; --pos) {
      const Dim d = m.buffer_order[pos];
      found |= (weight & bit(d)) && nb[index(d)] > 1;
      if (found) outer |= bit(d);
    }
    // Each preload reads k = the block's C extent and sets k x n weights; C and K loops
    // outside the preload point sum block extents, inside it they have a single block.
    const Mask c = bit(Dim::kC), k = bit(Dim::kK);
    w.weight_reads = mixed(e, nb, outer | c, c);
    w.preloaded_weights = mixed(e, nb, outer | c | k, c | k);
    // Periods: m for every COMPUTE, more for those that preload (the first block of each
    // preload point) when their preload outlasts their stream.
    const Mask inner = kAll & ~outer;
    w.compute_cycles =
        streamed + block_sum(m, e, nb, inner, kPixels | c, [&](const DimArray& x) {
          const double mm = product_of(x, kPixels);
          return Timing::compute_period(m.dataflow, mm, x[index(Dim::kC)], true) - mm;
        });
    bool last_preloads = true;  // the last block is a first block of its preload point
    for (int i = 0; i < kNumDims; ++i)
      if ((inner & (1u << i)) && nb[i] > 1) last_preloads = false;
    w.compute_tail = p.timing->compute_tail(*p.build, m.dataflow, true, product_of(last, kPixels),
                                            last[index(Dim::kC)], last_preloads);
  }
  for (int t = 0; t < 2; ++t) {
    const Movement& mv = p.move[t];
    w.load_cmds[t] = mixed(e, nb, mv.depends, mv.per_command);
    w.load_vectors[t] = mixed(e, nb, mv.depends, mv.vectors);
    w.load_requests[t] = requests_of(mv, e, nb, w.load_vectors[t]);
    w.load_bytes[t] = tile_bytes(p, e, t);
  }
  w.store_cmds = mixed(e, nb, out.depends, out.per_command);
  w.store_vectors = mixed(e, nb, out.depends, out.vectors);
  w.store_bytes = tile_bytes(p, e, 2);
  return w;
}

// A DRAM-level iteration in context: extents of the previous, own and next tile, and the
// positions of the loops that advanced to reach it and to leave it.
struct Neighbourhood {
  DimArray prev{}, cur{}, next{};
  int c_in = -1, c_out = -1;
};

// Running totals, in doubles (exact for integers below 2^53).
struct Totals {
  double cycles = 0, exec = 0, load_busy = 0, store_busy = 0, stall = 0, idle = 0;
  double macs = 0, input_reads = 0, input_writes = 0, weight_reads = 0, weight_writes = 0;
  double acc_reads = 0, acc_writes = 0, read_bytes = 0, write_bytes = 0;
  double preloaded_weights = 0;
};

}  // namespace

std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l) {
  const double p_value = std::ldexp(1.0, -b.data_width);
  const double p_zero = 1 - (1 - p_value) * (1 - p_value);
  const double pad = static_cast<double>(l.padding_macs());
  return static_cast<std::uint64_t>(
      std::llround(pad + (static_cast<double>(l.macs()) - pad) * p_zero));
}

LayerModel::LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t)
    : hw_(hw),
      layer_(l),
      timing_(t),
      layout_(dram_layout_of(hw.build, l)),
      zero_macs_(estimated_zero_macs(hw.build, l)) {}

arch::ActionCounts LayerModel::evaluate(const Mapping& m) const {
  const arch::BuildConfig& b = hw_.build;
  const arch::RunConfig& run = hw_.run;
  const Timing& tm = timing_;
  Plan p;
  p.m = &m;
  p.os = m.dataflow == arch::Dataflow::kOutputStationary;
  p.data_bytes = b.data_width / 8;
  p.acc_bytes = b.acc_width / 8;
  p.build = &b;
  p.timing = &tm;
  p.spatial_rows = bit(m.row_dim);
  for (int t = 0; t < kNumTensors; ++t) {
    Movement& mv = p.move[t];
    const auto tensor = static_cast<Tensor>(t);
    mv.depends = mask_of(tensor);
    for (Dim d : kAllDims)
      if (is_vector_dim(m.dataflow, m.row_dim, tensor, d)) mv.vectors |= bit(d);
    mv.per_command = command_loops(layer_, m, tensor);
  }
  if (m.flatten) {  // the input's lanes wrap (dram_layout.hpp)
    Movement& in = p.move[static_cast<int>(Tensor::kInput)];
    in.lanes = p.os ? bit(m.row_dim) : bit(Dim::kC);
    in.wrap_len = layout_.input_wrap(m.dataflow).len;
  }
  const DimArray bounds = bounds_of(layer_, m);
  p.streamed = p.os ? kReduction : kPixels;

  // DRAM-level loops: tile counts, edge extents and the innermost position at which each
  // tensor's tile changes (-1: it never changes after the first tile).
  DimArray count{}, full{}, edge{};
  int innermost[kNumTensors] = {-1, -1, -1};
  for (int pos = 0; pos < kNumDims; ++pos) {
    const int i = index(m.dram_order[pos]);
    count[i] = tiles(bounds[i], m.buffer_tile[i]);
    full[i] = m.buffer_tile[i];
    edge[i] = bounds[i] - (count[i] - 1) * full[i];
    for (int t = 0; t < kNumTensors; ++t)
      if (count[i] > 1 && depends_on(static_cast<Tensor>(t), m.dram_order[pos])) innermost[t] = pos;
  }

  Totals s;
  // Iterations of one class share the extents of their previous, own and next tile and the
  // positions of the loops that advanced to reach them (c_in) and to leave them (c_out);
  // -1 marks the first (c_in) and the last (c_out) tile.
  const double latency = tm.dram_latency_scale * run.dram_latency_cycles;
  // Adds n occurrences of one step: its time, and the busy cycles of its engines.
  auto add_step = [&](double n, StepWork step, bool last_step) {
    step.interleave();
    s.cycles += n * tm.step_cycles(run, step, last_step);
    if (step.load_cmds > 0) {
      s.load_busy += n * (step.load_requests + step.load_cmds + latency);
      s.stall += n * latency;
    }
    if (step.store_cmds > 0)
      s.store_busy += n * (step.store_vectors + step.store_cmds + tm.store_tail_cycles);
    s.idle += n * (tm.accept_delay_cycles + tm.sync_cycles);
  };
  auto add_iteration = [&](double n, const Neighbourhood& h) {
    const TileWork w = tile_work(p, h.cur);
    const bool first = h.c_in < 0, last = h.c_out < 0;
    double load_bytes = 0;
    for (int t = 0; t < 2; ++t) {
      if (!first && h.c_in > innermost[t]) continue;  // the compiler keeps the loaded tile
      load_bytes += w.load_bytes[t];
      (t == 0 ? s.input_writes : s.weight_writes) += n * w.load_vectors[t];
    }
    const bool starts_output = first || h.c_in <= innermost[2];
    s.macs += n * w.macs;
    s.input_reads += n * w.input_reads;
    s.weight_reads += n * w.weight_reads;
    s.preloaded_weights += n * w.preloaded_weights;
    s.acc_writes += n * w.acc_writes;
    s.acc_reads += n * (w.acc_writes - (starts_output ? w.first_acc_writes : 0));
    s.read_bytes += n * load_bytes;
    if (starts_output) {  // each output tile is stored once, after its last reduction tile
      s.acc_reads += n * w.store_vectors;
      s.write_bytes += n * w.store_bytes;
    }
    // The step that computes this tile also stores the previous output tile, if this one
    // starts a new one; with double buffering it also loads the next tile.
    StepWork compute_step;
    compute_step.computes = w.computes;
    compute_step.exec_cycles = w.compute_cycles;
    compute_step.exec_tail = w.compute_tail;
    StepWork transfer_step;
    StepWork& stores = m.double_buffer ? compute_step : transfer_step;
    // Neighbours with the tile's own extents (the common case) reuse its transfers.
    auto transfer = [&](const DimArray& e, int t) {
      if (e == h.cur)
        return t == 2 ? Transfer{w.store_cmds, w.store_vectors, w.store_vectors, w.store_bytes}
                      : Transfer{w.load_cmds[t], w.load_vectors[t], w.load_requests[t],
                                 w.load_bytes[t]};
      return tile_transfer(p, e, t);
    };
    if (starts_output && !first) {
      const Transfer prev = transfer(h.prev, 2);
      stores.store_cmds = prev.cmds;
      stores.store_vectors = prev.vectors;
      stores.store_bytes = prev.bytes;
    }
    auto add_loads = [](StepWork& step, const Transfer& tile, int t) {
      step.load_cmds += tile.cmds;
      step.load_requests += tile.requests;
      step.load_bytes += tile.bytes;
      if (t == static_cast<int>(Tensor::kWeight)) {
        step.weight_load_cmds += tile.cmds;
        step.weight_load_requests += tile.requests;
        step.weight_load_bytes += tile.bytes;
      }
    };
    auto own_loads = [&](int t) {
      return Transfer{w.load_cmds[t], w.load_vectors[t], w.load_requests[t], w.load_bytes[t]};
    };
    if (m.double_buffer) {
      if (!last)
        for (int t = 0; t < 2; ++t)
          if (h.c_out <= innermost[t]) add_loads(compute_step, transfer(h.next, t), t);
      if (first) {  // the prologue
        StepWork prologue;
        for (int t = 0; t < 2; ++t) add_loads(prologue, own_loads(t), t);
        add_step(1, prologue, false);
      }
    } else {
      for (int t = 0; t < 2; ++t)
        if (first || h.c_in <= innermost[t]) add_loads(transfer_step, own_loads(t), t);
      if (transfer_step.load_cmds + transfer_step.store_cmds > 0) add_step(n, transfer_step, false);
    }
    add_step(n, compute_step, false);
    s.exec += n * (w.compute_cycles + w.compute_tail - 1);  // busy after the first accept
  };

  // Positions of the loops with more than one tile, outermost first.
  int multi[kNumDims];
  int k = 0;
  for (int pos = 0; pos < kNumDims; ++pos)
    if (count[index(m.dram_order[pos])] > 1) multi[k++] = pos;
  auto dim_at = [&](int pos) { return index(m.dram_order[pos]); };
  // Adds the classes obtained by letting loops multi[0 .. free_loops) take any index (they
  // are outside both carries, so tiles i-1, i and i+1 share their index): full or edge.
  auto add_with_free_loops = [&](double n, Neighbourhood h, int free_loops) {
    int edgy[kNumDims];
    int n_edgy = 0;
    for (int j = 0; j < free_loops; ++j) {
      const int d = dim_at(multi[j]);
      if (edge[d] != full[d])
        edgy[n_edgy++] = d;
      else
        n *= count[d];
    }
    for (unsigned pick = 0; pick < (1u << n_edgy); ++pick) {
      Neighbourhood x = h;
      double c = n;
      for (int j = 0; j < n_edgy; ++j) {
        const int d = edgy[j];
        if (pick >> j & 1u)
          x.prev[d] = x.cur[d] = x.next[d] = edge[d];
        else
          c *= count[d] - 1;
      }
      if (c > 0) add_iteration(c, x);
    }
  };

  Neighbourhood base;
  base.prev = base.cur = base.next = full;
  if (k == 0) {
    base.c_in = base.c_out = -1;
    add_iteration(1, base);
  } else {
    // Every iteration but the first and the last advances the innermost multi-tile loop L
    // on the way in or on the way out (or both).
    const int lp = multi[k - 1], l = dim_at(lp), fl = count[l];
    Neighbourhood h = base;  // the first tile
    h.c_in = -1;
    h.c_out = lp;
    h.next[l] = fl == 2 ? edge[l] : full[l];
    add_iteration(1, h);
    h = base;  // the last tile
    h.cur = edge;
    h.prev = edge;
    h.prev[l] = full[l];
    h.c_in = lp;
    h.c_out = -1;
    add_iteration(1, h);
    // In and out through L: its index in [1, F-2]; the next tile is L's edge at F-2.
    h = base;
    h.c_in = h.c_out = lp;
    if (fl >= 3) {
      add_with_free_loops(fl - 3, h, k - 1);
      h.next[l] = edge[l];
      add_with_free_loops(1, h, k - 1);
    }
    for (int j = 0; j + 1 < k; ++j) {
      const int qp = multi[j], q = dim_at(qp), fq = count[q];
      // In through L (at its last index), out through q (index in [0, F-2]): loops between
      // sit at their last index in tiles i-1 and i, reset in tile i+1.
      h = base;
      h.c_in = lp;
      h.c_out = qp;
      for (int b = j + 1; b + 1 < k; ++b)
        h.prev[dim_at(multi[b])] = h.cur[dim_at(multi[b])] = edge[dim_at(multi[b])];
      h.cur[l] = edge[l];
      add_with_free_loops(fq - 2, h, j);
      h.next[q] = edge[q];
      add_with_free_loops(1, h, j);
      // In through q (index >= 1), out through L (at index 0): loops between sat at their
      // last index in tile i-1.
      h = base;
      h.c_in = qp;
      h.c_out = lp;
      for (int b = j + 1; b + 1 < k; ++b) h.prev[dim_at(multi[b])] = edge[dim_at(multi[b])];
      h.prev[l] = edge[l];
      h.next[l] = fl == 2 ? edge[l] : full[l];
      add_with_free_loops(fq - 2, h, j);
      h.cur[q] = h.next[q] = edge[q];
      add_with_free_loops(1, h, j);
    }
  }
  // Epilogue: the last output tile's store.
  const Transfer last_tile = tile_transfer(p, edge, 2);
  StepWork epilogue;
  epilogue.store_cmds = last_tile.cmds;
  epilogue.store_vectors = last_tile.vectors;
  epilogue.store_bytes = last_tile.bytes;
  add_step(1, epilogue, true);
  s.cycles += tm.sync_cycles;  // the cycle after the last SYNC

  auto u = [](double v) { return static_cast<std::uint64_t>(std::llround(v)); };
  const double half_width = b.data_width / 2.0;
  arch::ActionCounts a;
  a.cycles = u(std::ceil(s.cycles));
  a.macs = u(s.macs);
  a.zero_macs = zero_macs_;
  a.input_toggles = u(s.macs * half_width);
  a.weight_toggles = u((p.os ? s.macs : s.preloaded_weights) * half_width);
  a.input_reads = u(s.input_reads);
  a.input_writes = u(s.input_writes);
  a.weight_reads = u(s.weight_reads);
  a.weight_writes = u(s.weight_writes);
  a.acc_reads = u(s.acc_reads);
  a.acc_writes = u(s.acc_writes);
  a.dram_read_bytes = u(s.read_bytes);
  a.dram_write_bytes = u(s.write_bytes);
  a.exec_busy_cycles = u(s.exec);
  a.load_busy_cycles = u(s.load_busy);
  a.store_busy_cycles = u(s.store_busy);
  a.dram_stall_cycles = u(s.stall);
  a.idle_cycles = u(s.idle);
  return a;
}

arch::Metrics evaluate(const arch::HwConfig& hw, const Layer& l, const Mapping& m,
                       const arch::EnergyTable& table, const Timing& t) {
  return arch::metrics_of(LayerModel(hw, l, t).evaluate(m), hw, table);
}

}  // namespace codesign::mapping
