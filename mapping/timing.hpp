// Every timing constant of the analytical models in one struct, and the time of one step
// (the commands up to a SYNC), calibrated against the RTL (rtl/*.sv) and the memory system
// (systemc/memory_system.cpp). Cycle 0 of a step is the cycle its first command is offered;
// a command at position p of the step enters its engine's queue at cycle p (one per cycle,
// in order) and is accepted by the engine one cycle later at the earliest.
//   execute  COMPUTEs overlap (rtl/exec_engine.sv): the first reads its operands two cycles
//            after its accept (three if it preloads weight-stationary weights); each next
//            one follows after the previous one's period, and the engine is idle once the
//            last one's results are written, rows + cols cycles after its last read (OS:
//            plus its m drain slots). Period, each command on its own:
//              OS: max(k, m)   (streaming k vectors; a drain occupies the column m cycles)
//              WS: max(m, k, 2) when it preloads weights, else m;
//            the RTL's exact rule also looks at the neighbouring command (a shorter
//            stream after a longer drain or preload waits for it), which the models ignore;
//   load     one read request per vector, at most one per cycle, plus one cycle to accept
//            each LOAD; at most 32 requests in flight (the tag FIFO): a tag returns
//            ceil(transfer) + latency + 2 cycles after its request; the engine is idle once
//            the last vector, latency + ceil(transfer) after its request, is written;
//   store    one accumulator read per vector, plus one cycle to accept each STORE; the last
//            write leaves two cycles after its read;
//   DRAM     one channel, reads and writes in arrival order at bytes_per_cycle; a full
//            backlog (64 cycles) holds requests back;
//   SYNC     accepted in the first cycle every engine is idle; the next step starts one cycle
//            later (the channel may still hold writes then: the next step's first read
//            queues behind them).
// From these, a step's time is closed-form in its totals (StepWork): each engine alone
// (loads as two phases, input then weight buffer, sharing tags and channel), plus the
// head-of-line blocking of the interleaved dispatch, where one engine paces another until
// its last queue_depth commands or, behind the load engine, until its input-buffer phase
// ends (the load engine's accepts are timed per phase and per tag round trip), and the
// wait of tag-bound reads behind the store engine's writes in the channel. Residuals
// against the RTL: bench/agreement/RESULTS.md.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "arch/hw_config.hpp"

namespace codesign::mapping {

// What one step asks of the engines, summed over its commands.
struct StepWork {
  // COMPUTEs, the sum of their periods, and the rest of the execute engine's occupancy:
  // from the first accept to the first read, and from the last period's start to idle.
  double computes = 0, exec_cycles = 0, exec_tail = 0;
  // LOADs: commands, read requests (one per vector, or per row segment of a wrapped vector)
  double load_cmds = 0, load_requests = 0, load_bytes = 0;                       // all LOADs
  double weight_load_cmds = 0, weight_load_requests = 0, weight_load_bytes = 0;  // of those
  double store_cmds = 0, store_vectors = 0, store_bytes = 0;
  // Positions in the step of each engine's first command.
  double first_compute = 0, first_load = 0, first_store = 0;
  // Positions as the compiler interleaves a step: COMPUTE, LOAD, STORE, COMPUTE, ...
  void interleave() {
    first_compute = 0;
    first_load = computes > 0 ? 1 : 0;
    first_store = first_load + (load_cmds > 0 ? 1 : 0);
  }
};

// A step's cycles, and over them the cycles each of the RTL's breakdown counters counts
// (accel_top.sv): an engine's busy cycles, the load engine's cycles waiting on DRAM
// (requests in flight, no data returning) and the cycles all queues and engines are idle.
struct StepTime {
  double cycles = 0;
  double exec_busy = 0, load_busy = 0, store_busy = 0, dram_stall = 0, idle = 0;
};

struct Timing {
  // Execute engine (exec_engine.sv): accept -> first read, +1 when the first preloads;
  // a result's latency from its read (or drain slot) to its write, in rows + cols.
  double exec_start_cycles = 2, exec_preload_start_cycles = 1;
  double exec_latency_rows = 1, exec_latency_cols = 1;
  // Load engine.
  double load_max_outstanding = 32;  // load_engine.sv MaxOutstanding (tag FIFO depth)
  double load_tag_extra_cycles = 2;  // a tag's life beyond ceil(transfer) + latency
  double load_tail_cycles = 1;       // last data returned -> engine idle
  double load_first_request = 2;     // cycles from a LOAD's accept to its first request
  double load_untagged_cycles = 1;   // busy with no request in flight: a burst's first cycle
  double dram_latency_scale = 1;     // x RunConfig::dram_latency_cycles
  // Store engine.
  double store_tail_cycles = 2;   // last read -> last write accepted
  double store_write_delay = 4;   // cycles from a STORE's accept to its first write
  double store_drain_cycles = 2;  // the last step: its last write leaves the channel
  // DRAM channel back-pressure (memory_system.hpp kMaxBacklogCycles).
  double channel_backlog_cycles = 64;
  // Dispatch: cycles from entering a queue to being accepted by an idle engine; SYNC.
  double accept_delay_cycles = 1;
  double queue_depth = arch::kCommandQueueDepth;
  double coupling_delay_cycles = 3;  // y accepts -> y's next command offered -> x's accepted
  double sync_cycles = 1;

  // Read requests of `vectors` LOADed vectors of `lanes` lanes wrapping across rows of
  // `wrap_len` (0: no wrap): a row segment each, counted as their expectation over the
  // vectors' start positions in a row, which the models do not track one by one but take
  // evenly spread over the multiples of `start_step` (the tiles' starts are multiples of
  // the buffer and compute tiles, so of their gcd with the row). Over the wrap_len /
  // start_step starts, a vector of ceil(lanes / start_step) steps spans on average
  // 1 + (ceil(lanes / start_step) - 1) / (wrap_len / start_step) rows.
  static double load_requests(double vectors, double lanes, double wrap_len,
                              double start_step = 1) {
    if (wrap_len <= 0) return vectors;
    return vectors * (1 + (std::ceil(lanes / start_step) - 1) / (wrap_len / start_step));
  }
  // Cycles a COMPUTE holds the execute engine before the next one may follow.
  static double compute_period(arch::Dataflow df, double m, double k, bool preload) {
    if (df == arch::Dataflow::kOutputStationary) return std::max(k, m);
    return preload ? std::max({m, k, 2.0}) : m;
  }
  // The execute engine's occupancy beyond its COMPUTEs' periods: from the first accept to
  // the first read, and from the last COMPUTE's period start to idle.
  double compute_tail(const arch::BuildConfig& b, arch::Dataflow df, bool first_preloads, double m,
                      double k, bool preload) const {
    const bool os = df == arch::Dataflow::kOutputStationary;
    const double start = exec_start_cycles + (first_preloads ? exec_preload_start_cycles : 0);
    const double last = (os ? k + m : m) + exec_latency_rows * b.rows + exec_latency_cols * b.cols;
    return start + last - compute_period(df, m, k, preload);
  }

  // Cycles from a step's first command to the next step's first command, and what the
  // RTL's breakdown counters (accel_top.sv) count over them.
  StepTime step_time(const arch::RunConfig& r, const StepWork& w, bool last_step) const {
    const double channel = (w.load_bytes + w.store_bytes) / r.dram_bytes_per_cycle;
    const double n[3] = {w.computes, w.load_cmds, w.store_cmds};
    // Each engine's first command is accepted one cycle after it is offered.
    const double first[3] = {w.first_compute + accept_delay_cycles,
                             w.first_load + accept_delay_cycles,
                             w.first_store + accept_delay_cycles};
    double done = n[0] + n[1] + n[2];  // the SYNC is offered once every command has been
    // drained: when the DRAM channel has carried the step's transfers too.
    double drained = done;
    auto end = [&](double start, const EngineTime& e) {
      done = std::max(done, start + (last_step ? e.quiet : e.done));
      drained = std::max(drained, start + e.quiet);
    };
    // finish[x]: the first cycle engine x is no longer busy after its last command;
    // pacer[x]: the engine whose dispatch holds x back the longest (-1: none).
    double finish[3] = {0, 0, 0};
    int pacer[3] = {-1, -1, -1};
    EngineTime alone[3];
    for (int x = 0; x < 3; ++x)
      if (n[x] > 0) {
        alone[x] = engine_time(r, w, x, 1, channel, 0, n[1] > 0 ? alone[1].span : 0);
        finish[x] = first[x] + alone[x].busy_end;
        end(first[x], alone[x]);
      }
    for (int x = 0; x < 3; ++x) {
      if (n[x] <= 0) continue;
      // In-order dispatch into queue_depth-deep queues: the engines' commands are interleaved
      // (COMPUTE, LOAD, STORE, COMPUTE, ...), so engine x's command j is offered only after
      // engine y's command j (or j-1) was, which waits for room in y's queue, i.e. for y to
      // accept its command queue_depth earlier. What x has left after the last command it
      // waits for in this way runs at its own pace.
      for (int y = 0; y < 3; ++y) {
        if (y == x || n[y] <= 0) continue;
        const double before = y < x ? 1 : 0;  // y's command j is offered before x's command j
        // x's command j waits for y's command j - 1 + before to be offered, i.e. for y to
        // accept its command j - 1 + before - queue_depth. Held back longest either at x's
        // last command, or, behind a load engine, where its input-buffer LOADs end (a slow
        // phase of large LOADs that holds x back, then a fast one that does not).
        const double last_y = std::min(n[x] - 2 + before, n[y] - 1);
        double waits[2] = {last_y - queue_depth, -1};
        const double input_loads = w.load_cmds - w.weight_load_cmds;
        if (y == 1 && input_loads > 0 && w.weight_load_cmds > 0 && input_loads < waits[0])
          waits[1] = input_loads;
        for (const double a : waits) {
          if (a < 0) continue;
          // The store engine takes its next STORE once its writes are in the channel, which
          // holds them only while the reads in flight fill its backlog (busy_end).
          const double span = y == 2 ? std::min(alone[y].span, alone[y].busy_end) : alone[y].span;
          const double offered = first[y] + accepted(r, w, y, a, span);
          const double left = (n[x] - (a + queue_depth + 1 - before)) / n[x];
          // Loads: the requests issued during the last round trip before are still in flight.
          double inflight = 0;
          const double paced = offered + coupling_delay_cycles - first[x];
          if (x == 1 && paced > 0) {
            const double issued = (1 - left) * w.load_requests;
            inflight =
                std::min({load_max_outstanding, issued, issued / paced * load_round_trip(r, w)});
          }
          const EngineTime rest =
              engine_time(r, w, x, left, channel * left, inflight, n[1] > 0 ? alone[1].span : 0);
          if (offered + coupling_delay_cycles + rest.busy_end > finish[x]) {
            finish[x] = offered + coupling_delay_cycles + rest.busy_end;
            pacer[x] = y;
          }
          end(offered + coupling_delay_cycles, rest);
        }
      }
    }
    StepTime t;
    t.cycles = done + sync_cycles;
    // An engine is busy from the cycle after its first accept until it is no longer,
    // unless it waits for commands in between: an engine held back by another receives its
    // commands in groups (the first queue_depth + 1 at once, then one per command of the
    // other, or one per tag round trip of a tag-bound load engine) and runs each group on
    // its own when they arrive further apart than a group lasts (a group's writes then
    // share the channel only with the reads in flight, not with the other groups' writes).
    double busy[3] = {0, 0, 0}, bursts = 1;
    for (int x = 0; x < 3; ++x) {
      if (n[x] <= 0) continue;
      busy[x] = alone[x].busy_end - 1;
      if (pacer[x] < 0) continue;
      // STOREs beyond the pacer's commands are offered together once its last one is: a
      // group of their own (with all of their writes).
      const double lump = x == 2 && n[x] > n[pacer[x]] ? (n[x] - n[pacer[x]]) / n[x] : 0;
      const double lump_busy =
          lump > 0 ? engine_time(r, w, x, lump, channel * lump).busy_end - 1 : 0;
      // The first queue_depth + 1 commands are offered at once; the others are paced.
      const double spread = n[x] * (1 - lump);
      const double paced = std::max(0.0, spread - queue_depth - 1);
      const double groups =
          1 + (pacer[x] == 1
                   ? std::min(paced, paced / n[x] * w.load_requests / load_max_outstanding)
                   : paced);
      // The first group is the commands offered at once, the others share the rest.
      auto group_busy = [&](double part) {
        return engine_time(r, w, x, part, channel * part).busy_end - 1;
      };
      const double at_once = (spread - paced) / n[x];
      const double grouped =
          group_busy(at_once) +
          (groups > 1 ? (groups - 1) * group_busy(paced / n[x] / (groups - 1)) : 0);
      const double continuous = finish[x] - first[x] - 1;
      busy[x] = std::min(continuous, grouped + lump_busy);
      if (x == 1 && grouped < continuous) bursts = groups;
    }
    t.exec_busy = busy[0];
    t.load_busy = busy[1];
    t.store_busy = busy[2];
    // The load engine waits on DRAM while requests are in flight and no data returns: all
    // of its busy cycles but one per read response and the first of each burst.
    if (n[1] > 0)
      t.dram_stall = std::max(0.0, busy[1] - w.load_requests - bursts * load_untagged_cycles);
    // Idle (queues empty, engines idle): the step's first cycle, and every cycle from the
    // last engine's idle to the SYNC's acceptance, then the cycle before the next step.
    const double last_busy = std::max({finish[0], finish[1], finish[2]});
    t.idle = t.cycles - std::max(0.0, last_busy - 1);
    // The SYNC does not wait for the channel: a step that computes, loads and stores can
    // leave writes in it, and the next step, taken to be like this one (the next tile's),
    // issues its first read behind them. The wait is counted with this step: the load
    // engine waits on DRAM, and the store engine's writes are held back as long.
    if (!last_step && n[0] > 0 && n[1] > 0 && n[2] > 0) {
      const double next_read = sync_cycles + first[1] + load_first_request;
      const double backlog = std::max(0.0, drained - done - next_read);
      t.cycles += backlog;
      t.load_busy += backlog;
      t.dram_stall += backlog;
      t.store_busy += backlog;
    }
    return t;
  }

 private:
  struct EngineTime {
    double span = 0;   // first accept -> last accept (the engine's pace)
    double done = 0;   // first accept -> idle
    double quiet = 0;  // first accept -> idle, and the DRAM channel too
    // first accept -> no longer busy (accel_top.sv's busy; the store engine is not busy
    // once its last write is accepted, which the channel's backlog decides)
    double busy_end = 0;
  };
  // Engine x (0 execute, 1 load, 2 store) running `part` of the step's commands on its
  // own, the DRAM channel carrying `channel` cycles of this step's transfers.
  // Cycles a load tag is held: from its request to the cycle a new request can take it.
  double load_round_trip(const arch::RunConfig& r, const StepWork& w) const {
    return std::ceil(w.load_bytes / w.load_requests / r.dram_bytes_per_cycle) +
           dram_latency_scale * r.dram_latency_cycles + load_tag_extra_cycles;
  }
  // Cycles from engine y's first accept to its accept of command a (0-based), alone: the
  // execute and store engines at an even pace over their span; the load engine once it has
  // issued the requests of its first a LOADs (input-buffer ones first, then weight-buffer
  // ones), one a cycle plus one per accept, or, tag-bound, 32 per round trip of their phase,
  // each round also waiting behind a backlog of the step's writes while they last.
  double accepted(const arch::RunConfig& r, const StepWork& w, int y, double a, double span) const {
    const double n = y == 0 ? w.computes : y == 1 ? w.load_cmds : w.store_cmds;
    if (y != 1) return a / n * span;
    if (a <= 0) return 0;
    const double bpc = r.dram_bytes_per_cycle;
    const double cmds[2] = {w.load_cmds - w.weight_load_cmds, w.weight_load_cmds};
    const double vecs[2] = {w.load_requests - w.weight_load_requests, w.weight_load_requests};
    const double bytes[2] = {w.load_bytes - w.weight_load_bytes, w.weight_load_bytes};
    double left = a, q = 0, reads = 0, rounds = 0, round_cycles = 0;
    for (int ph = 0; ph < 2 && left > 0; ++ph) {
      if (cmds[ph] <= 0) continue;
      const double c = std::min(left, cmds[ph]);
      left -= c;
      const double v = c * vecs[ph] / cmds[ph];
      if (v <= 0) continue;
      // Round boundaries whose earlier request is in this phase.
      const double phase_rounds =
          std::max(0.0, std::floor((q + v - 1) / load_max_outstanding) - rounds);
      const double read = bytes[ph] / vecs[ph] / bpc;
      rounds += phase_rounds;
      round_cycles += phase_rounds * (std::ceil(read) + load_round_extra(r));
      q += v;
      reads += v * read;
    }
    if (q <= 0) return a;
    const double issue = q + a;
    const double rest = q - 1 - rounds * load_max_outstanding;
    const double spacing = std::max(issue, reads) / q;
    return std::max(issue, round_cycles + (rest + 1) * spacing +
                               write_wait(r, w, rounds, rest + 1, w.store_bytes / bpc)) +
           1;
  }
  // Cycles a tag is held beyond its transfer.
  double load_round_extra(const arch::RunConfig& r) const {
    return dram_latency_scale * r.dram_latency_cycles + load_tag_extra_cycles;
  }
  // Extra cycles until the last of `requests` reads after `rounds` tag round trips, spent
  // behind the step's `writes` (channel cycles). While the store engine has writes left it
  // keeps the channel's backlog full (when a write takes more than the cycle the store
  // engine needs per vector): each read then enters beside one write, which spreads
  // the first round's reads, and the rounds after it inherit that spread through their tags;
  // each later round's first read also queues behind a full backlog, for as many rounds as
  // the channel takes to carry the rest of the writes beside the rounds' reads. When the
  // store engine has no more STOREs than LOADs, dispatch hands it the others one per LOAD
  // accepted, so a round brings the writes of that many STOREs: if the channel carries them
  // within the round, only the first round's writes are left to wait for, and they shrink
  // by what the channel has to spare each round.
  double write_wait(const arch::RunConfig& r, const StepWork& w, double rounds, double requests,
                    double writes) const {
    if (writes <= 0 || w.store_vectors <= 0) return 0;
    const double bpc = r.dram_bytes_per_cycle;
    const double write = w.store_bytes / w.store_vectors / bpc;  // one vector's write
    // Writes of the STOREs the store engine has during the first round: those before
    // dispatch holds it back, and one more per LOAD accepted in that round (interleaved).
    const double first_round_loads =
        w.load_cmds * std::min(1.0, load_max_outstanding / w.load_requests);
    const double early =
        std::min(1.0, (queue_depth + 1 + first_round_loads) / w.store_cmds) * writes;
    const double spread = std::min(early, requests * write);
    // The store engine issues a write a cycle: writes of a cycle or less never fill the
    // backlog on their own.
    if (rounds <= 0 || write <= 1) return spread;
    const double read = w.load_bytes / w.load_requests / bpc;
    const double round = std::ceil(read) + load_round_extra(r) + channel_backlog_cycles;
    const double per_round = std::max(1.0, round - load_max_outstanding * read);
    const double rest = std::max(0.0, writes - load_max_outstanding * write);
    double waits = rest / per_round;
    const double paced = std::min(1.0, first_round_loads / w.store_cmds) * writes;  // a round's
    if (w.store_cmds <= w.load_cmds && paced < per_round)
      waits = std::min(waits,
                       std::max(0.0, early - load_max_outstanding * write) / (per_round - paced));
    return spread + std::min(rounds, waits) * channel_backlog_cycles;
  }
  // `inflight` load requests, issued at an even pace over the last round trip, still hold
  // their tags when the first command starts. `load_span`: the load engine's span alone
  // (0: its reads are not counted ahead of the store engine's writes).
  EngineTime engine_time(const arch::RunConfig& r, const StepWork& w, int x, double part,
                         double channel, double inflight = 0, double load_span = 0) const {
    EngineTime t;
    if (x == 0) {
      t.span = part * w.exec_cycles;
      t.done = t.quiet = t.busy_end = t.span + w.exec_tail;
      return t;
    }
    const double latency = dram_latency_scale * r.dram_latency_cycles;
    if (x == 1) {
      // Two phases in program order: the input-buffer LOADs, then the weight-buffer ones
      // (compiler.cpp); `part` is what is left of them at the end.
      const double bpc = r.dram_bytes_per_cycle;
      const double cmds[2] = {w.load_cmds - w.weight_load_cmds, w.weight_load_cmds};
      const double vecs[2] = {w.load_requests - w.weight_load_requests, w.weight_load_requests};
      const double bytes[2] = {w.load_bytes - w.weight_load_bytes, w.weight_load_bytes};
      double skip = (1 - part) * w.load_cmds;  // commands before `part`
      double f[2];
      for (int ph = 0; ph < 2; ++ph) {
        f[ph] = cmds[ph] > 0 ? std::max(0.0, cmds[ph] - skip) / cmds[ph] : 0;
        skip = std::max(0.0, skip - cmds[ph]);
      }
      double start = 0, last_request = 0, transfer = 0, data = 0;
      double all_vectors = 0, all_issue = 0, earlier_reads = 0;
      bool first_phase = true;
      for (int ph = 0; ph < 2; ++ph) {
        if (f[ph] <= 0) continue;
        const double c = f[ph] * cmds[ph], vectors = f[ph] * vecs[ph];
        const double issue = vectors + c;
        // The channel from this phase on; the first phase also carries the step's writes, as
        // many as enter beside its reads (one per read), and when the reads take more than
        // one round of tags, a full backlog of writes that entered while they waited for tags
        // (the store engine starts with the loads: reads that all go in the first round
        // enter while the backlog fills).
        const double later = ph == 0 ? f[1] * bytes[1] / bpc : 0;
        double ahead = f[ph] * bytes[ph] / bpc + later;
        if (first_phase && w.store_vectors > 0) {
          const double requests = f[ph] * vecs[ph] + (ph == 0 ? f[1] * vecs[1] : 0);
          const double waited = requests > load_max_outstanding ? channel_backlog_cycles : 0;
          ahead += std::min(channel - part * w.load_bytes / bpc,
                            requests * w.store_bytes / w.store_vectors / bpc + waited);
        }
        data = std::max(data, start + std::ceil(load_first_request + ahead));
        double req = start + issue;
        all_vectors += vectors;
        all_issue += issue;
        if (vectors > 0) {
          const double read = bytes[ph] / vecs[ph] / bpc;
          transfer = std::ceil(read);
          const double period = transfer + latency + load_tag_extra_cycles;
          // The tags are shared by the phases: count the requests since the first.
          const double rounds = std::floor((all_vectors - 1) / load_max_outstanding);
          const double rest = all_vectors - 1 - rounds * load_max_outstanding;
          // Within a round, requests are spaced by the issue rate or by the channel.
          const double spacing = std::max(all_issue, earlier_reads + vectors * read) / all_vectors;
          req = std::max(req, rounds * period + (rest + 1) * spacing +
                                  write_wait(r, w, rounds, rest + 1, part * w.store_bytes / bpc));
          const double waiting = vectors - load_max_outstanding + inflight;
          if (first_phase && inflight > 0 && waiting > 0)
            req = std::max(req, std::min(waiting, inflight) / inflight * period);
          // A tag also waits for the channel: the last request follows the return of the
          // one a round earlier, which queued behind the reads before it.
          if (rounds >= 1) {
            const double reads =
                std::max(0.0, earlier_reads + (vectors - load_max_outstanding) * read);
            req = std::max(req, load_first_request + reads + period);
          }
        }
        last_request = req;
        start = last_request;
        earlier_reads += f[ph] * bytes[ph] / bpc;
        first_phase = false;
      }
      t.span = last_request;
      t.done = t.quiet = t.busy_end =
          std::max(last_request + transfer, data) + latency + load_tail_cycles;
      return t;
    }
    const double issue = part * (w.store_vectors + w.store_cmds);
    t.span = std::max(issue, store_write_delay + channel - channel_backlog_cycles);
    t.done =
        std::max(issue + store_tail_cycles, store_write_delay + channel - channel_backlog_cycles);
    t.quiet = std::max(t.done, store_drain_cycles + channel);
    // Its writes are held back while the channel's backlog is full: they share it with the
    // reads in flight (one per load tag), and, when the writes alone fill the backlog (the
    // channel then stays busy until the last write gets in), with all of the step's reads
    // if the load engine issues its last read before that, else with those that enter
    // meanwhile if every STORE is dispatched at once. (Otherwise the load engine paces the
    // STOREs' dispatch: the writes arrive in groups, step_time's busy cycles.)
    const double reads_in_flight = w.load_requests > 0
                                       ? std::min(load_max_outstanding, w.load_requests) *
                                             w.load_bytes / w.load_requests / r.dram_bytes_per_cycle
                                       : 0;
    const double writes = part * w.store_bytes / r.dram_bytes_per_cycle;
    const double held = writes - channel_backlog_cycles + 1;  // the last write, no reads
    double reads = reads_in_flight;
    if (load_span > 0 && held > 0) {
      const double all = part * w.load_bytes / r.dram_bytes_per_cycle;
      if (held + all >= part * load_span) {
        reads = std::max(reads, all);
      } else if (w.load_cmds <= queue_depth + 1) {
        // Every STORE is dispatched at once (no LOAD waits for room): the reads enter beside
        // the writes at the load engine's pace, each round of tags waiting behind the
        // backlog, and the last write gets in at held + (the reads entered by then).
        const double read = w.load_bytes / w.load_requests / r.dram_bytes_per_cycle;
        const double round = std::ceil(read) + load_round_extra(r) + channel_backlog_cycles;
        const double rate = std::min(all / (part * load_span), load_max_outstanding * read / round);
        reads = std::max(reads, rate * held / (1 - rate));
      }
    }
    t.busy_end = std::max(issue + store_tail_cycles, held + reads);
    return t;
  }
};

}  // namespace codesign::mapping
