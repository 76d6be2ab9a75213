#include "mapping/model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "mapping/patch_lowering.hpp"
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
// A flattened mapping's input vectors wrap their lanes (loop `lane`, compute tiles of
// lane_tile) across rows of wrap_len, one read request per row segment; the blocks start
// at multiples of start_step in a row (timing.hpp's load_requests).
struct Movement {
  Mask depends = 0, vectors = 0, per_command = 0;
  int lane = 0, lane_tile = 1, start_step = 1;
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
// Read requests of tensor t's tile (timing.hpp's load_requests summed over its blocks):
// the sum over the blocks of their vectors times ceil(lanes / start_step).
double requests_of(const Movement& mv, const DimArray& e, const DimArray& nb, double vectors) {
  if (mv.wrap_len <= 0) return vectors;
  auto steps = [&](int lanes) { return (lanes + mv.start_step - 1) / mv.start_step; };
  const int full = nb[mv.lane] - 1;
  DimArray lane_steps = e;
  lane_steps[mv.lane] = full * steps(mv.lane_tile) + steps(e[mv.lane] - full * mv.lane_tile);
  const double rows = mv.wrap_len / mv.start_step;
  return vectors +
         (mixed(lane_steps, nb, mv.depends, mv.vectors | (1u << mv.lane)) - vectors) / rows;
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

// The movement of each tensor and the other per-mapping constants of the closed form.
Plan make_plan(const arch::BuildConfig& b, const Layer& l, const DramLayout& layout,
               const Timing& tm, const Mapping& m) {
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
    mv.per_command = command_loops(l, m, tensor);
  }
  if (m.flatten) {  // the input's lanes wrap (dram_layout.hpp)
    Movement& in = p.move[static_cast<int>(Tensor::kInput)];
    in.lane = index(p.os ? m.row_dim : Dim::kC);
    in.lane_tile = m.compute_tile[in.lane];
    const int len = static_cast<int>(layout.input_wrap(m.dataflow).len);
    in.wrap_len = len;
    // The blocks start at multiples of the buffer tile (if there are several) plus
    // multiples of the compute tile (if a tile has several), in a flattened index whose
    // rows are len long (compiler.cpp): at the multiples of their gcd with len.
    const int bound = bounds_of(l, m)[in.lane], buffer = m.buffer_tile[in.lane];
    int step = len;
    if (bound > buffer) step = std::gcd(step, buffer);
    if (std::min(bound, buffer) > in.lane_tile) step = std::gcd(step, in.lane_tile);
    in.start_step = step;
  }
  p.streamed = p.os ? kReduction : kPixels;
  return p;
}

// The DRAM-level loops: tile counts, full and edge extents, the innermost position at which
// each tensor's tile changes (-1: it never changes after the first tile), and the positions
// of the loops with more than one tile, outermost first.
struct DramLoops {
  DimArray count{}, full{}, edge{};
  int innermost[kNumTensors] = {-1, -1, -1};
  int multi[kNumDims] = {};
  int n_multi = 0;
  const Mapping* m = nullptr;
  int dim_at(int pos) const { return index(m->dram_order[pos]); }
};

DramLoops dram_loops(const Layer& l, const Mapping& m) {
  const DimArray bounds = bounds_of(l, m);
  DramLoops d;
  d.m = &m;
  for (int pos = 0; pos < kNumDims; ++pos) {
    const int i = index(m.dram_order[pos]);
    d.count[i] = tiles(bounds[i], m.buffer_tile[i]);
    d.full[i] = m.buffer_tile[i];
    d.edge[i] = bounds[i] - (d.count[i] - 1) * d.full[i];
    for (int t = 0; t < kNumTensors; ++t)
      if (d.count[i] > 1 && depends_on(static_cast<Tensor>(t), m.dram_order[pos]))
        d.innermost[t] = pos;
    if (d.count[i] > 1) d.multi[d.n_multi++] = pos;
  }
  return d;
}

// Calls visit(n, h) for the classes obtained by letting loops multi[0 .. free_loops) take
// any index (they are outside both carries, so tiles i-1, i and i+1 share their index):
// full or edge.
template <typename F>
void visit_with_free_loops(const DramLoops& d, double n, const Neighbourhood& h, int free_loops,
                           F&& visit) {
  int edgy[kNumDims];
  int n_edgy = 0;
  for (int j = 0; j < free_loops; ++j) {
    const int i = d.dim_at(d.multi[j]);
    if (d.edge[i] != d.full[i])
      edgy[n_edgy++] = i;
    else
      n *= d.count[i];
  }
  for (unsigned pick = 0; pick < (1u << n_edgy); ++pick) {
    Neighbourhood x = h;
    double c = n;
    for (int j = 0; j < n_edgy; ++j) {
      const int i = edgy[j];
      if (pick >> j & 1u)
        x.prev[i] = x.cur[i] = x.next[i] = d.edge[i];
      else
        c *= d.count[i] - 1;
    }
    if (c > 0) visit(c, x);
  }
}

// Calls visit(n, h) for every class of DRAM-level iterations: n iterations that share the
// extents of their previous, own and next tile and the positions of the loops that
// advanced to reach them (c_in) and to leave them (c_out); -1 marks the first (c_in) and the
// last (c_out) tile.
template <typename F>
void for_each_class(const DramLoops& d, F&& visit) {
  Neighbourhood base;
  base.prev = base.cur = base.next = d.full;
  const int k = d.n_multi;
  if (k == 0) {
    base.c_in = base.c_out = -1;
    visit(1, base);
    return;
  }
  // Every iteration but the first and the last advances the innermost multi-tile loop L
  // on the way in or on the way out (or both).
  const int lp = d.multi[k - 1], l = d.dim_at(lp), fl = d.count[l];
  Neighbourhood h = base;  // the first tile
  h.c_in = -1;
  h.c_out = lp;
  h.next[l] = fl == 2 ? d.edge[l] : d.full[l];
  visit(1, h);
  h = base;  // the last tile
  h.cur = d.edge;
  h.prev = d.edge;
  h.prev[l] = d.full[l];
  h.c_in = lp;
  h.c_out = -1;
  visit(1, h);
  // In and out through L: its index in [1, F-2]; the next tile is L's edge at F-2.
  h = base;
  h.c_in = h.c_out = lp;
  if (fl >= 3) {
    visit_with_free_loops(d, fl - 3, h, k - 1, visit);
    h.next[l] = d.edge[l];
    visit_with_free_loops(d, 1, h, k - 1, visit);
  }
  for (int j = 0; j + 1 < k; ++j) {
    const int qp = d.multi[j], q = d.dim_at(qp), fq = d.count[q];
    // In through L (at its last index), out through q (index in [0, F-2]): loops between
    // sit at their last index in tiles i-1 and i, reset in tile i+1.
    h = base;
    h.c_in = lp;
    h.c_out = qp;
    for (int b = j + 1; b + 1 < k; ++b)
      h.prev[d.dim_at(d.multi[b])] = h.cur[d.dim_at(d.multi[b])] = d.edge[d.dim_at(d.multi[b])];
    h.cur[l] = d.edge[l];
    visit_with_free_loops(d, fq - 2, h, j, visit);
    h.next[q] = d.edge[q];
    visit_with_free_loops(d, 1, h, j, visit);
    // In through q (index >= 1), out through L (at index 0): loops between sat at their
    // last index in tile i-1.
    h = base;
    h.c_in = qp;
    h.c_out = lp;
    for (int b = j + 1; b + 1 < k; ++b) h.prev[d.dim_at(d.multi[b])] = d.edge[d.dim_at(d.multi[b])];
    h.prev[l] = d.edge[l];
    h.next[l] = fl == 2 ? d.edge[l] : d.full[l];
    visit_with_free_loops(d, fq - 2, h, j, visit);
    h.cur[q] = h.next[q] = d.edge[q];
    visit_with_free_loops(d, 1, h, j, visit);
  }
}

void add_loads(StepWork& step, const Transfer& tile, int t) {
  step.load_cmds += tile.cmds;
  step.load_requests += tile.requests;
  step.load_bytes += tile.bytes;
  if (t == static_cast<int>(Tensor::kWeight)) {
    step.weight_load_cmds += tile.cmds;
    step.weight_load_requests += tile.requests;
    step.weight_load_bytes += tile.bytes;
  }
}

// Sums a layer's program class by class: each DRAM-level iteration's actions, and the steps
// that the compiler makes of it.
class ProgramSum {
 public:
  ProgramSum(const Plan& p, const DramLoops& d, const arch::RunConfig& run)
      : p_(p), d_(d), run_(run) {}

  void add_iteration(double n, const Neighbourhood& h) {
    const TileWork w = tile_work(p_, h.cur);
    add_actions(n, w, h);
    add_steps(n, w, h);
  }
  // The last output tile's store, after the last iteration.
  void add_epilogue() {
    const Transfer last_tile = tile_transfer(p_, d_.edge, 2);
    StepWork epilogue;
    epilogue.store_cmds = last_tile.cmds;
    epilogue.store_vectors = last_tile.vectors;
    epilogue.store_bytes = last_tile.bytes;
    add_step(1, epilogue, true);
    s_.cycles += p_.timing->sync_cycles;  // the cycle after the last SYNC, an idle one
    s_.idle += p_.timing->sync_cycles;
  }
  const Totals& totals() const { return s_; }

 private:
  bool starts_output(const Neighbourhood& h) const {
    return h.c_in < 0 || h.c_in <= d_.innermost[2];
  }

  // n iterations' buffer and DRAM accesses and MACs.
  void add_actions(double n, const TileWork& w, const Neighbourhood& h) {
    const bool first = h.c_in < 0;
    double load_bytes = 0;
    for (int t = 0; t < 2; ++t) {
      if (!first && h.c_in > d_.innermost[t]) continue;  // the compiler keeps the loaded tile
      load_bytes += w.load_bytes[t];
      (t == 0 ? s_.input_writes : s_.weight_writes) += n * w.load_vectors[t];
    }
    const bool starts = starts_output(h);
    s_.macs += n * w.macs;
    s_.input_reads += n * w.input_reads;
    s_.weight_reads += n * w.weight_reads;
    s_.preloaded_weights += n * w.preloaded_weights;
    s_.acc_writes += n * w.acc_writes;
    s_.acc_reads += n * (w.acc_writes - (starts ? w.first_acc_writes : 0));
    s_.read_bytes += n * load_bytes;
    if (starts) {  // each output tile is stored once, after its last reduction tile
      s_.acc_reads += n * w.store_vectors;
      s_.write_bytes += n * w.store_bytes;
    }
  }

  // n iterations' steps: the step that computes the tile also stores the previous output
  // tile, if this one starts a new one; with double buffering it also loads the next tile,
  // without, the tile's own loads and that store are a step before it.
  void add_steps(double n, const TileWork& w, const Neighbourhood& h) {
    const Mapping& m = *p_.m;
    const bool first = h.c_in < 0, last = h.c_out < 0;
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
      return tile_transfer(p_, e, t);
    };
    if (starts_output(h) && !first) {
      const Transfer prev = transfer(h.prev, 2);
      stores.store_cmds = prev.cmds;
      stores.store_vectors = prev.vectors;
      stores.store_bytes = prev.bytes;
    }
    auto own_loads = [&](int t) {
      return Transfer{w.load_cmds[t], w.load_vectors[t], w.load_requests[t], w.load_bytes[t]};
    };
    if (m.double_buffer) {
      if (!last)
        for (int t = 0; t < 2; ++t)
          if (h.c_out <= d_.innermost[t]) add_loads(compute_step, transfer(h.next, t), t);
      if (first) {  // the prologue
        StepWork prologue;
        for (int t = 0; t < 2; ++t) add_loads(prologue, own_loads(t), t);
        add_step(1, prologue, false);
      }
    } else {
      for (int t = 0; t < 2; ++t)
        if (first || h.c_in <= d_.innermost[t]) add_loads(transfer_step, own_loads(t), t);
      if (transfer_step.load_cmds + transfer_step.store_cmds > 0) add_step(n, transfer_step, false);
    }
    add_step(n, compute_step, false);
  }

  // n occurrences of one step: its time, and the breakdown counters over it.
  void add_step(double n, StepWork step, bool last_step) {
    step.interleave();
    const StepTime t = p_.timing->step_time(run_, step, last_step);
    s_.cycles += n * t.cycles;
    s_.exec += n * t.exec_busy;
    s_.load_busy += n * t.load_busy;
    s_.store_busy += n * t.store_busy;
    s_.stall += n * t.dram_stall;
    s_.idle += n * t.idle;
  }

  const Plan& p_;
  const DramLoops& d_;
  const arch::RunConfig& run_;
  Totals s_;
};

arch::ActionCounts counts_of(const Totals& s, const Plan& p, std::uint64_t zero_macs) {
  auto u = [](double v) { return static_cast<std::uint64_t>(std::llround(v)); };
  const double half_width = p.build->data_width / 2.0;
  arch::ActionCounts a;
  a.cycles = u(std::ceil(s.cycles));
  a.macs = u(s.macs);
  a.zero_macs = zero_macs;
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

}  // namespace

std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l) {
  const double p_value = std::ldexp(1.0, -b.data_width);
  const double p_zero = 1 - (1 - p_value) * (1 - p_value);
  const double pad = static_cast<double>(l.padding_macs());
  return static_cast<std::uint64_t>(
      std::llround(pad + (static_cast<double>(l.macs()) - pad) * p_zero));
}

std::uint64_t estimated_zero_macs(const arch::BuildConfig& b, const Layer& l, const Mapping& m) {
  if (m.patch == 1) return estimated_zero_macs(b, l);
  return estimated_zero_macs(b, l) + patch_extra_macs(l, m.patch);
}

LayerModel::LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t)
    : LayerModel(hw, l, t, estimated_zero_macs(hw.build, l)) {
  const int most = max_patch(hw.build, l);
  Mapping lowered;
  for (lowered.patch = 2; lowered.patch <= most; ++lowered.patch)
    patch_forms_.push_back(LayerModel(hw, patch_lowered(l, lowered.patch), t,
                                      estimated_zero_macs(hw.build, l, lowered)));
}

LayerModel::LayerModel(const arch::HwConfig& hw, const Layer& l, const Timing& t,
                       std::uint64_t zero_macs)
    : hw_(hw), layer_(l), timing_(t), layout_(dram_layout_of(hw.build, l)), zero_macs_(zero_macs) {}

arch::ActionCounts LayerModel::evaluate(const Mapping& m) const {
  if (m.patch != 1) {
    Mapping unpatched = m;
    unpatched.patch = 1;
    return patch_forms_.at(static_cast<std::size_t>(m.patch - 2)).evaluate(unpatched);
  }
  const Plan p = make_plan(hw_.build, layer_, layout_, timing_, m);
  const DramLoops loops = dram_loops(layer_, m);
  ProgramSum sum(p, loops, hw_.run);
  for_each_class(loops, [&](double n, const Neighbourhood& h) { sum.add_iteration(n, h); });
  sum.add_epilogue();
  return counts_of(sum.totals(), p, zero_macs_);
}

arch::Metrics layer_metrics(const arch::ActionCounts& a, const arch::HwConfig& hw,
                            const arch::EnergyTable& table, const Layer& l, double area_mm2) {
  arch::Metrics m = arch::metrics_of(a, hw, table, area_mm2);
  const double pes = static_cast<double>(hw.build.rows) * hw.build.cols;
  m.utilisation =
      a.cycles ? static_cast<double>(l.macs()) / (static_cast<double>(a.cycles) * pes) : 0;
  return m;
}

arch::Metrics evaluate(const arch::HwConfig& hw, const Layer& l, const Mapping& m,
                       const arch::EnergyTable& table, const Timing& t) {
  return layer_metrics(LayerModel(hw, l, t).evaluate(m), hw, table, l);
}

}  // namespace codesign::mapping
