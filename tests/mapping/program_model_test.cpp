#include "mapping/program_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace codesign;
using namespace codesign::mapping;
using arch::Command;

TEST(ProgramModel, CountsEachCommandAndTimesEachStep) {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.run.dram_latency_cycles = 10;
  hw.run.dram_bytes_per_cycle = 2;
  Layer l;
  l.name = "l";
  const arch::Program p = {
      Command::load(arch::BufferId::kInput, 0, 0, 3, 4, 1, 4),   // 12 bytes
      Command::load(arch::BufferId::kWeight, 0, 0, 2, 4, 1, 4),  // 8 bytes
      Command::sync(),
      Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 3, 4, 2, false),
      Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 3, 4, 2, true, true),
      Command::store(0, 64, 3, 4, 4, 16),  // 48 bytes
      Command::sync()};
  const arch::ActionCounts a = program_counts(hw, l, p);
  EXPECT_EQ(a.macs, 2u * 3 * 4 * 2);
  EXPECT_EQ(a.input_writes, 3u);
  EXPECT_EQ(a.weight_writes, 2u);
  EXPECT_EQ(a.input_reads, 6u);
  EXPECT_EQ(a.weight_reads, 2u);  // the second COMPUTE keeps its weights
  EXPECT_EQ(a.acc_writes, 6u);
  EXPECT_EQ(a.acc_reads, 3u + 3u);  // one accumulating COMPUTE, one STORE
  EXPECT_EQ(a.dram_read_bytes, 20u);
  EXPECT_EQ(a.dram_write_bytes, 48u);
  EXPECT_EQ(a.weight_toggles, 2u * 4 * 4);  // one preload of k x n weights, 4 bits each
  // Step 1 (mapping/timing.hpp): the first LOAD is accepted at cycle 1; its 5 requests and 2
  // accept cycles end at cycle 1 + 7; the channel (20 / 2 = 10 cycles from the first
  // request, 2 cycles after the accept) ends at 1 + 12, the last data arrives 10 later and
  // is written 1 cycle after that: the SYNC goes at 24, the next step starts at 25.
  // Step 2: the COMPUTEs, accepted from cycle 1, take periods of max(m, k, 2) = 3 (it
  // preloads) and m = 3 (it keeps the weights), plus 3 cycles to the first read and
  // R + C = 8 for the last results: idle at 1 + 17; the STORE's writes drain from the
  // channel by 29 (SYNC), 30 cycles; one more after the last SYNC. The RTL takes 56 cycles
  // too (bench/timing_probe hand).
  EXPECT_EQ(a.cycles, 25u + 30u + 1u);
  EXPECT_EQ(a.exec_busy_cycles, 17u - 1u);  // busy after the first accept
  // The breakdown counters as accel_top.sv counts them; the RTL counts the same (measured:
  // bench/timing_probe hand). Step 1: the load engine is busy from the cycle after its
  // first accept (2) until its last write (23); it waits on DRAM in all of those but the
  // first (no request in flight yet) and the 5 in which data returns.
  EXPECT_EQ(a.load_busy_cycles, 23u - 2u + 1u);
  EXPECT_EQ(a.dram_stall_cycles, 22u - 1u - 5u);
  // Step 2: the STORE, accepted at 3, reads 3 vectors from cycle 4, and its last write
  // leaves 2 cycles after the last read: busy for 1 + 3 + 2 - 1 cycles.
  EXPECT_EQ(a.store_busy_cycles, 5u);
  // Idle: each step's first cycle (0 and 25); step 1's SYNC cycle (24); step 2's from the
  // execute engine's idle (1 + 17 = 18) through its SYNC (29), waiting for the channel;
  // and the cycle after the last SYNC.
  EXPECT_EQ(a.idle_cycles, 2u + 1u + (29u - 18u + 1u) + 1u);
}

// A STORE-only step whose writes outrun the channel (2 x 16 vectors of 64 bytes at 16
// B/cycle: 128 cycles): the store engine is busy until its last write is accepted, when the
// channel's backlog drops to 64 cycles; what is left of the channel is idle. The RTL counts
// the same (measured: the last step of DQN's conv1 on configs/hw/default.json,
// bench/timing_probe workload).
TEST(ProgramModel, StoreBusyEndsWhenTheBacklogLetsTheLastWriteIn) {
  arch::HwConfig hw;  // 16 x 16, 16 B/cycle, latency 100
  hw.run.dram_bytes_per_cycle = 16;
  hw.run.dram_latency_cycles = 100;
  Layer l;
  l.name = "l";
  const arch::Program p = {Command::store(0, 0, 16, 16, 1, 64),
                           Command::store(16, 1024, 16, 16, 1, 64), Command::sync()};
  const arch::ActionCounts a = program_counts(hw, l, p);
  // Accepted at 1; busy from 2 until the last write goes, 128 - 64 + 1 cycles after it.
  EXPECT_EQ(a.store_busy_cycles, 128u - 64u);
  // The step: the channel drains at 1 + 2 + 128 (SYNC), 132 cycles, one more after it.
  EXPECT_EQ(a.cycles, 133u);
  // Idle: cycle 0, cycles 66 to the SYNC at 131, and the cycle after.
  EXPECT_EQ(a.idle_cycles, 1u + (131u - 66u + 1u) + 1u);
  EXPECT_EQ(a.load_busy_cycles, 0u);
  EXPECT_EQ(a.dram_stall_cycles, 0u);
}

// COMPUTEs, tag-bound LOADs (8 x 16 vectors: 4 rounds of 32 tags) and STOREs interleaved
// in one step (in other banks than the COMPUTEs use: no conflicts): the execute engine
// receives its commands in groups paced by the load engine. Within 10% of what the RTL
// counts (bench/timing_probe hand, "paced"): cycles 355, exec 48, load 350, DRAM stall
// 221, idle 3. Not checked: store busy, 81 on the RTL and 65 in the model (its first group
// of five STOREs, then one per tag round), whose writes do not wait behind the read bursts
// that fill the channel (bench/agreement/RESULTS.md).
TEST(ProgramModel, EnginesPacedByTagBoundLoadsAgreeWithTheRtl) {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.run.dram_latency_cycles = 50;
  hw.run.dram_bytes_per_cycle = 4;
  Layer l;
  l.name = "l";
  arch::Program p;
  for (std::uint32_t i = 0; i < 8; ++i) {
    p.push_back(
        Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 2, 4, 4, i > 0, false));
    p.push_back(Command::load(arch::BufferId::kInput, 128 + 16 * i, 64 * i, 16, 4, 1, 4));
    p.push_back(Command::store(128, 1024 + 64 * i, 4, 4, 1, 16));
  }
  p.push_back(Command::sync());
  const arch::ActionCounts a = program_counts(hw, l, p);
  auto within = [](std::uint64_t model, double rtl, double tolerance) {
    return std::abs(static_cast<double>(model) - rtl) <= tolerance * rtl;
  };
  EXPECT_TRUE(within(a.cycles, 355, 0.06)) << a.cycles;
  EXPECT_TRUE(within(a.exec_busy_cycles, 48, 0.10)) << a.exec_busy_cycles;
  EXPECT_TRUE(within(a.load_busy_cycles, 350, 0.10)) << a.load_busy_cycles;
  EXPECT_TRUE(within(a.dram_stall_cycles, 221, 0.10)) << a.dram_stall_cycles;
  EXPECT_EQ(a.idle_cycles, 3u);
}

// Large input-buffer LOADs, then small weight-buffer ones, interleaved with longer COMPUTEs
// (bench/timing_probe hand prints it on the RTL: 878 cycles). The load engine is tag-bound
// (32 requests per round trip of 1 + 100 + 2 cycles): each input LOAD of 32 vectors takes a
// round, so dispatch holds COMPUTE j back until LOAD j - 5 is accepted, at about
// 103 * (j - 5); the sixth round ends the input phase (LOAD 6 accepted near 547), and the
// six COMPUTEs from 12 on then run back to back (40 cycles each). Interpolating the load
// engine's accepts evenly over its span instead gave 738 cycles (-16%).
TEST(ProgramModel, ComputesHeldBackByTheInputPhaseOfTagBoundLoads) {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.build.input = {2048, 2};  // the LOADs write the bank the COMPUTEs do not read
  hw.run.dram_latency_cycles = 100;
  hw.run.dram_bytes_per_cycle = 4;
  Layer l;
  l.name = "l";
  arch::Program p;
  for (std::uint32_t i = 0; i < 18; ++i) {
    p.push_back(
        Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 40, 4, 4, i > 0, false));
    p.push_back(i < 6 ? Command::load(arch::BufferId::kInput, 256 + 32 * i, 128 * i, 32, 4, 1, 4)
                      : Command::load(arch::BufferId::kWeight, 128 + i, 2048 + 4 * i, 1, 4, 1, 4));
  }
  p.push_back(Command::sync());
  const arch::ActionCounts a = program_counts(hw, l, p);
  // 547 + 3 (dispatch) + 7 x 40 + the last COMPUTE's tail; the RTL takes 878.
  EXPECT_GE(a.cycles, 0.95 * 878) << a.cycles;
  EXPECT_LE(a.cycles, 878u) << a.cycles;
}

// Tag-bound reads behind writes (bench/timing_probe hand: 632 cycles, the load engine busy
// 628). Two LOADs of 64 one-cycle vectors (4 rounds of 103 cycles alone, 441 cycles busy) and
// four STOREs of 16 four-cycle writes (256 channel cycles) at 4 B/cycle. The store engine
// keeps the channel's backlog full, so each read of the first round enters beside one write
// (spread over 32 x 4 = 128 more cycles, inherited by every later round through the tags),
// and the second round's first read queues behind the 64-cycle backlog: 441 + 128 + 64.
TEST(ProgramModel, TagBoundReadsWaitBehindWrites) {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.run.dram_latency_cycles = 100;
  hw.run.dram_bytes_per_cycle = 4;
  Layer l;
  l.name = "l";
  arch::Program p;
  for (std::uint32_t i = 0; i < 4; ++i) {
    if (i < 2) p.push_back(Command::load(arch::BufferId::kInput, 64 * i, 256 * i, 64, 4, 1, 4));
    p.push_back(Command::store(16 * i, 1024 + 256 * i, 16, 4, 4, 16));
  }
  p.push_back(Command::sync());
  const arch::ActionCounts a = program_counts(hw, l, p);
  EXPECT_NEAR(static_cast<double>(a.load_busy_cycles), 628, 0.02 * 628);
  EXPECT_NEAR(static_cast<double>(a.cycles), 632, 0.02 * 632);
}

// Wrapped LOADs: two LOADs of ten 16-lane vectors across rows of 32 lanes, starting at 0
// and 16 in a row, so every vector is one row segment, one read request (bench/timing_probe
// hand, "wrapped loads": the RTL takes 37 cycles, load busy 33, DRAM stall 12). The starts
// are multiples of 16 = gcd(0, 16, 32): over those starts a 16-lane vector spans
// 1 + (16/16 - 1) / (32/16) = 1 row (an even spread over all 32 starts would give
// 1 + 15/32, 29.4 requests and 47 cycles). Accepted at 1; 20 requests and 2 accepts end at
// 1 + 22, the last 16-byte vector is written 1 + 10 + 1 cycles later (the channel, 320 / 16
// = 20 cycles from the first request, is not slower): idle at 1 + 34, SYNC there, 36
// cycles, one more after the last SYNC.
TEST(ProgramModel, WrappedLoadsRequestEachRowSegmentOfTheirStarts) {
  arch::HwConfig hw;  // 16 x 16
  hw.run.dram_latency_cycles = 10;
  hw.run.dram_bytes_per_cycle = 16;
  Layer l;
  l.name = "l";
  const arch::Program p = {
      Command::load(arch::BufferId::kInput, 0, 0, 10, 16, 1, 64).wrapped(32, 0, 1024),
      Command::load(arch::BufferId::kInput, 10, 2048, 10, 16, 1, 64).wrapped(32, 16, 1024),
      Command::sync()};
  EXPECT_EQ(wrap_start_step(p), 16);
  EXPECT_DOUBLE_EQ(Timing::load_requests(10, 16, 32, 16), 10);
  EXPECT_DOUBLE_EQ(Timing::load_requests(10, 16, 20, 4), 10 * (1 + 3.0 / 5));
  EXPECT_DOUBLE_EQ(Timing::load_requests(10, 16, 20, 1), 10 * (1 + 15.0 / 20));
  const arch::ActionCounts a = program_counts(hw, l, p);
  EXPECT_EQ(a.cycles, 37u);
  // Busy from 2 to the last write at 34; stalled in all but the first and the 20 in which
  // data returns.
  EXPECT_EQ(a.load_busy_cycles, 33u);
  EXPECT_EQ(a.dram_stall_cycles, 33u - 1u - 20u);
}

// Four like steps, each a COMPUTE, a LOAD of 32 vectors and four STOREs of 16 accumulator
// vectors (32 + 256 channel cycles at 16 B/cycle; bench/timing_probe hand, "chained steps"
// and "one of them": the RTL takes 1156 cycles, store busy 986, and 292 for one step alone).
// A step's SYNC goes once the last write has entered the channel, with up to a backlog (64
// cycles) of writes left in it, behind which the next step's read queues: the chain runs
// at the channel's pace, 288 cycles a step, not at the 230 or so of a step whose SYNC ends
// it. The reads of one round enter beside one write each while the backlog fills.
TEST(ProgramModel, WritesLeftInTheChannelDelayTheNextStep) {
  arch::HwConfig hw;  // 16 x 16
  hw.run.dram_latency_cycles = 100;
  hw.run.dram_bytes_per_cycle = 16;
  Layer l;
  l.name = "l";
  arch::Program p;
  for (std::uint32_t s = 0; s < 4; ++s) {
    p.push_back(
        Command::compute(arch::Dataflow::kOutputStationary, 0, 0, 64 * (s % 2), 16, 16, 32, false));
    p.push_back(Command::load(arch::BufferId::kInput, 2048 + 32 * (s % 2), 512 * s, 32, 16, 1, 16));
    for (std::uint32_t i = 0; i < 4; ++i)
      p.push_back(
          Command::store(64 * (1 - s % 2) + 16 * i, 4096 + 4096 * s + 1024 * i, 16, 16, 4, 64));
    p.push_back(Command::sync());
  }
  const arch::ActionCounts chain = program_counts(hw, l, p);
  EXPECT_NEAR(static_cast<double>(chain.cycles), 1156, 0.02 * 1156);
  EXPECT_NEAR(static_cast<double>(chain.store_busy_cycles), 986, 0.05 * 986);
  const arch::Program one(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(p.size() / 4));
  const arch::ActionCounts alone = program_counts(hw, l, one);
  EXPECT_NEAR(static_cast<double>(alone.cycles), 292, 0.02 * 292);
  EXPECT_NEAR(static_cast<double>(alone.load_busy_cycles), 250, 0.05 * 250);
}

// Tag-bound LOADs paced by dispatch against the writes (bench/timing_probe hand, "paced
// writes": the RTL takes 3631 cycles, load busy 3626). 32 COMPUTEs, 32 LOADs of 32 vectors
// (a round of tags each: 1 + 102 cycles, 167 with a read behind a full backlog, 32 of them
// reads, 135 left for writes) and 32 STOREs of 16 four-cycle writes (64 channel cycles
// each), interleaved: the store engine gets its first five STOREs and one with the first
// round's LOAD (384 cycles of writes), then one per LOAD, 64 cycles a round, which the
// channel carries within the round (64 < 135). The rounds' reads queue behind a full
// backlog only until the first 384 - 32 x 4 cycles of writes are through, (384 - 128) /
// (135 - 64) = 3.6 rounds, not until all 2048 cycles of writes are ((2048 - 128) / 135 =
// 14.2 rounds: 4371 cycles).
TEST(ProgramModel, WritesPacedByTheLoadsQueueOnlyTheirFirstRoundsAhead) {
  arch::HwConfig hw;  // 16 x 16
  hw.run.dram_latency_cycles = 100;
  hw.run.dram_bytes_per_cycle = 16;
  Layer l;
  l.name = "l";
  arch::Program p;
  for (std::uint32_t i = 0; i < 32; ++i) {
    p.push_back(Command::compute(arch::Dataflow::kOutputStationary, 0, 0, 0, 16, 16, 32, i > 0));
    p.push_back(Command::load(arch::BufferId::kInput, 2048 + 32 * (i % 8), 512 * i, 32, 16, 1, 16));
    p.push_back(Command::store(512 + 16 * i, 16384 + 1024 * i, 16, 16, 4, 64));
  }
  p.push_back(Command::sync());
  const arch::ActionCounts a = program_counts(hw, l, p);
  EXPECT_NEAR(static_cast<double>(a.cycles), 3631, 0.02 * 3631);
  EXPECT_NEAR(static_cast<double>(a.load_busy_cycles), 3626, 0.02 * 3626);
}
