#include "mapping/compiler.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "arch/isa_reference.hpp"
#include "mapping/host_data.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/tiling.hpp"
#include "mapping/validity.hpp"
#include "random_cases.hpp"
#include "util/json_reader.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

// The engines run concurrently within a step: a LOAD must not overwrite what a COMPUTE of
// the same step reads, and a STORE must not read what a COMPUTE of the step writes. The
// sequential reference machine cannot see such races, so they are checked here.
std::string step_hazard(const arch::Program& p) {
  struct Range {
    int buffer;  // 0 input, 1 weight, 2 accumulator
    std::uint32_t lo, hi;
  };
  auto overlap = [](const std::vector<Range>& a, const std::vector<Range>& b) {
    for (const Range& x : a)
      for (const Range& y : b)
        if (x.buffer == y.buffer && x.lo < y.hi && y.lo < x.hi) return true;
    return false;
  };
  std::vector<Range> loads, compute_reads, compute_writes, stores;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const arch::Command& c = p[i];
    const bool os = c.dataflow == arch::Dataflow::kOutputStationary;
    switch (c.op) {
      case arch::Opcode::kLoad:
        loads.push_back({c.buffer == arch::BufferId::kWeight, c.spad_addr, c.spad_addr + c.count});
        break;
      case arch::Opcode::kStore:
        stores.push_back({2, c.spad_addr, c.spad_addr + c.count});
        break;
      case arch::Opcode::kCompute:
        compute_reads.push_back({0, c.a_addr, c.a_addr + (os ? c.k : c.m)});
        if (os || !c.keep_weights) compute_reads.push_back({1, c.b_addr, c.b_addr + c.k});
        compute_writes.push_back({2, c.acc_addr, c.acc_addr + c.m});
        break;
      case arch::Opcode::kSync:
        if (overlap(loads, compute_reads) || overlap(stores, compute_writes))
          return "race in the step ending at command " + std::to_string(i);
        loads.clear();
        compute_reads.clear();
        compute_writes.clear();
        stores.clear();
        break;
    }
  }
  return "";
}

// Compiles, runs on the reference machine and compares every output with the golden model.
// Returns the number of mismatches (and reports the first).
int mismatches(const arch::BuildConfig& b, const Layer& l, const Mapping& m, std::mt19937_64& rng) {
  const CompiledLayer c = compile(b, l, m);
  const LayerTensors t = random_tensors(l, b.data_width, rng());
  arch::ReferenceMachine machine(b, c.layout.total_bytes);
  machine.dram() = dram_image(c.layout, l, t);
  EXPECT_EQ(step_hazard(c.program), "");
  machine.run(c.program);
  const std::vector<std::uint64_t> got = read_outputs(c.layout, l, machine.dram());
  const std::vector<std::uint64_t> want = golden_outputs(l, t, b.acc_width);
  int bad = 0;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (got[i] != want[i] && bad++ == 0)
      ADD_FAILURE() << "output " << i << " (n, p, q, k order) = " << got[i] << ", want " << want[i]
                    << "\nlayer " << to_json(l).dump() << "\nmapping " << to_json(m).dump();
  return bad;
}

}  // namespace

TEST(Compiler, RandomLayersAndMappingsMatchTheGoldenModel) {
  std::mt19937_64 rng(7);
  int ws = 0, double_buffered = 0, multi_tile = 0, flattened[2] = {0, 0};
  for (int i = 0; i < 400; ++i) {
    const arch::BuildConfig b = random_build(rng);
    const Layer l = random_layer(rng);
    const Mapping m = Mapspace(b, l).sample(rng);
    ASSERT_EQ(mismatches(b, l, m, rng), 0) << "case " << i;
    multi_tile += tiling_of(l, m).dram_tiles != DimArray{1, 1, 1, 1, 1, 1, 1, 1};
    ws += m.dataflow == arch::Dataflow::kWeightStationary;
    double_buffered += m.double_buffer;
    if (m.flatten) ++flattened[m.dataflow == arch::Dataflow::kWeightStationary];
  }
  EXPECT_GT(flattened[0], 30);  // output pixels across rows, im2col gathers
  EXPECT_GT(flattened[1], 20);  // the reduction C*R*S across rows
  EXPECT_GT(ws, 50);
  EXPECT_GT(double_buffered, 50);
  EXPECT_GT(multi_tile, 200);
}

TEST(Compiler, FullyConnectedAndBatchedMatmulMatchTheGoldenModel) {
  std::mt19937_64 rng(11);
  arch::BuildConfig b;
  b.rows = 4;
  b.cols = 3;
  b.input = {64 * 4, 2};
  b.weight = {64 * 3, 2};
  b.accumulator = {32 * 12, 2};
  const Layer fc =
      layer_from_json({{"name", "fc"}, {"type", "fc"}, {"batch", 5}, {"in", 9}, {"out", 7}}, "fc");
  const Layer bmm = layer_from_json(
      {{"name", "bmm"}, {"type", "matmul"}, {"batch", 3}, {"m", 6}, {"k", 5}, {"n", 4}}, "bmm");
  for (const Layer& l : {fc, bmm})
    for (int i = 0; i < 40; ++i) ASSERT_EQ(mismatches(b, l, Mapspace(b, l).sample(rng), rng), 0);
}

TEST(Compiler, DoubleBufferingPutsHalvesInDifferentBanks) {
  arch::BuildConfig b;
  b.rows = b.cols = 2;
  b.input = {2 * 16, 2};  // 16 entries: half 1 starts at entry 8, bank 1
  b.weight = {2 * 16, 2};
  b.accumulator = {8 * 16, 2};
  Layer l;
  l.name = "l";
  l.c = 4;
  l.k = 4;
  l.h = l.w = 4;
  Mapping m;
  m.row_dim = Dim::kQ;
  m.compute_tile = {1, 1, 2, 2, 1, 2, 1, 1};
  m.buffer_tile = m.compute_tile;
  m.double_buffer = true;
  m.dram_order = {Dim::kN, Dim::kG, Dim::kK, Dim::kP, Dim::kQ, Dim::kC, Dim::kR, Dim::kS};
  ASSERT_EQ(check_mapping(b, l, m), "");
  const CompiledLayer c = compile(b, l, m);
  std::set<std::uint32_t> input_halves;
  for (const arch::Command& cmd : c.program)
    if (cmd.op == arch::Opcode::kLoad && cmd.buffer == arch::BufferId::kInput)
      input_halves.insert(cmd.spad_addr / 8);
  EXPECT_EQ(input_halves, (std::set<std::uint32_t>{0, 1}));
  EXPECT_EQ(c.program.back().op, arch::Opcode::kSync);
}

TEST(Compiler, RejectsInvalidMappingsNamingTheReason) {
  arch::BuildConfig b;
  Layer l;
  l.name = "conv";
  l.c = l.k = 8;
  l.h = l.w = 8;
  Mapping m;
  m.compute_tile[index(Dim::kK)] = 4;  // larger than the on-chip tile (1)
  try {
    compile(b, l, m);
    FAIL() << "expected a ConfigError";
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("compute_tile[K]"), std::string::npos) << e.what();
  }
}
