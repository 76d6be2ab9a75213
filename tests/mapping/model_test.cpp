#include "mapping/model.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mapping/compiler.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/program_model.hpp"
#include "random_cases.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

// Every count must agree exactly; cycles within `tolerance` (floating-point rounding).
void expect_agreement(const arch::HwConfig& hw, const Layer& l, const Mapping& m,
                      double tolerance) {
  const arch::ActionCounts fast = LayerModel(hw, l).evaluate(m);
  const arch::ActionCounts exact = program_counts(hw, l, compile(hw.build, l, m).program);
  const std::string where = to_json(l).dump() + "\n" + to_json(m).dump();
  std::vector<std::uint64_t> got, want;
  fast.for_each([&](const char*, std::uint64_t v) { got.push_back(v); });
  int i = 0;
  exact.for_each([&](const char* name, std::uint64_t v) {
    const std::string n = name;
    const double g = static_cast<double>(got[i++]);
    if (n == "cycles")
      EXPECT_NEAR(g, static_cast<double>(v), tolerance * static_cast<double>(v) + 1) << name << "\n"
                                                                                     << where;
    else
      EXPECT_EQ(got[i - 1], v) << name << "\n" << where;
  });
}

}  // namespace

TEST(Model, AgreesWithTheProgramLevelModelOnRandomCases) {
  std::mt19937_64 rng(21);
  for (int i = 0; i < 300; ++i) {
    arch::HwConfig hw;
    hw.build = random_build(rng);
    hw.run.dram_latency_cycles = std::uniform_int_distribution<int>(0, 50)(rng);
    hw.run.dram_bytes_per_cycle = 4;
    const Layer l = random_layer(rng);
    const Mapping m = Mapspace(hw.build, l).sample(rng);
    SCOPED_TRACE(i);
    expect_agreement(hw, l, m, 1e-9);
    if (HasFailure()) return;
  }
}

TEST(Model, AgreesOnResNetLayersOnTheDefaultHardware) {
  const Workload w =
      load_workload(std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/resnet50.json");
  arch::HwConfig hw;
  std::mt19937_64 rng(22);
  for (const char* name : {"conv2_1_b", "conv4_x_c", "conv5_1_shortcut", "fc"})
    for (const Layer& l : w.layers)
      if (l.name == name)
        for (int i = 0; i < 3; ++i)
          expect_agreement(hw, l, Mapspace(hw.build, l).sample(rng), 1e-9);
}

TEST(Model, CountsMatchHandCalculationForOneTile) {
  // 4x4 OS array, a 1x1 convolution of 4 channels on a 4-wide row: one COMPUTE.
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.run.dram_latency_cycles = 10;
  hw.run.dram_bytes_per_cycle = 4;
  Layer l;
  l.name = "one";
  l.c = 4;
  l.k = 4;
  l.w = 4;
  Mapping m;
  m.row_dim = Dim::kQ;
  m.compute_tile = {1, 1, 4, 4, 1, 4, 1, 1};
  m.buffer_tile = m.compute_tile;
  const arch::ActionCounts a = LayerModel(hw, l).evaluate(m);
  EXPECT_EQ(a.macs, 64u);
  EXPECT_EQ(a.input_writes, 4u);  // one vector per channel, lanes over Q
  EXPECT_EQ(a.weight_writes, 4u);
  EXPECT_EQ(a.input_reads, 4u);
  EXPECT_EQ(a.acc_writes, 4u);
  EXPECT_EQ(a.acc_reads, 4u);  // the store
  EXPECT_EQ(a.dram_read_bytes, 32u);
  EXPECT_EQ(a.dram_write_bytes, 64u);
  // Steps (mapping/timing.hpp): [2 loads + sync] accepted at 1, 8 requests + 2 accepts,
  // 1 cycle transfer, 10 latency, 1 to write, SYNC at 23: 24; [compute + sync] accepted at
  // 1, first read 2 later, k = 4 reads, m = 4 drain slots, results written 4 + 4 later, idle
  // at 1 + 18, SYNC then: 20; [store + sync] accepted at 1, its 64 bytes leave the channel
  // 2 + 16 cycles later: 20; plus the cycle after the last SYNC. The RTL agrees
  // (bench/timing_probe hand).
  EXPECT_EQ(a.cycles, 24u + 20u + 20u + 1u);
  // The breakdown counters, as the RTL counts them (it agrees: bench/timing_probe hand):
  // each engine busy from the cycle after its accept (2) until it is idle: the loads' last
  // write at 22, the results' at 18, the STORE's last write 5 + 2 cycles after its accept
  // (4 reads and 1 accept); the load engine waits on DRAM in all of its busy cycles but the
  // first and the 8 in which data returns; idle: each step's first cycle and its SYNC
  // cycle, the store step's 11 cycles from its last write to its SYNC (the channel
  // drains), and the cycle after the last SYNC.
  EXPECT_EQ(a.load_busy_cycles, 22u - 2u + 1u);
  EXPECT_EQ(a.exec_busy_cycles, 18u - 2u + 1u);
  EXPECT_EQ(a.store_busy_cycles, 7u - 1u);
  EXPECT_EQ(a.dram_stall_cycles, 21u - 1u - 8u);
  EXPECT_EQ(a.idle_cycles, 2u + 2u + (2u + 11u) + 1u);
  const arch::Metrics metrics = evaluate(hw, l, m, arch::EnergyTable{});
  EXPECT_EQ(metrics.cycles, a.cycles);
  EXPECT_GT(metrics.energy.dram_pj, 0);
}

// DQN's conv1 (20 x 20 outputs), output-stationary over the flattened 400 output pixels in
// compute tiles of 16 and buffer tiles of 80: the blocks start at 0, 16, 32, ..., that is
// at 0, 16, 12, 8, 4 in a row of 20, five times each, the multiples of gcd(16, 80, 20) = 4.
// A 16-lane vector spans 1, 1, 2, 2, 2 rows from those starts: 1.6 on average, what both
// models take, where an even spread over all 20 starts would give 1.75.
TEST(Model, WrappedLoadsStartAtMultiplesOfTheTilesGcdWithTheRow) {
  const arch::HwConfig hw;  // 16 x 16
  Layer l;
  l.name = "conv1";
  l.c = 4;
  l.h = l.w = 84;
  l.k = 32;
  l.r = l.s = 8;
  l.stride = 4;
  Mapping m;
  m.flatten = true;
  m.row_dim = Dim::kQ;
  m.compute_tile = {1, 1, 16, 4, 1, 16, 8, 8};
  m.buffer_tile = {1, 1, 32, 4, 1, 80, 8, 8};
  const arch::Program p = compile(hw.build, l, m).program;
  EXPECT_EQ(wrap_start_step(p), 4);
  double segments = 0, expected = 0;
  for (const arch::Command& c : p)
    if (c.op == arch::Opcode::kLoad && c.wrap_len > 0) {
      EXPECT_EQ(c.wrap_len, 20u);
      segments += static_cast<double>(c.count) * c.segments_per_vector();
      expected += Timing::load_requests(c.count, c.vec_len, c.wrap_len, 4);
    }
  EXPECT_DOUBLE_EQ(expected, segments);
  expect_agreement(hw, l, m, 1e-9);
}

TEST(Model, ZeroMacsIncludePadding) {
  arch::BuildConfig b;
  Layer l;
  l.name = "pad";
  l.h = l.w = 3;
  l.r = l.s = 3;
  l.padding = 1;
  const double p0 = 1 - (255.0 / 256) * (255.0 / 256);
  EXPECT_EQ(estimated_zero_macs(b, l), static_cast<std::uint64_t>(std::llround(32 + 49 * p0)));
}
