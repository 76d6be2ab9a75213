// Overlapped COMPUTEs on the RTL: random command streams (shapes, accumulator addresses that
// overlap at random offsets, accumulate and keep_weights, both dataflows interleaved, SYNCs
// at random, DRAM stalls) against the ISA's reference interpreter, byte for byte; and the
// timing of uniform runs against the program-level model.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "arch/isa_reference.hpp"
#include "mapping/program_model.hpp"
#include "rtl_cases.hpp"
#include "systemc/rtl_runner.hpp"

namespace codesign::tests {
namespace {

using arch::Command;
using arch::Dataflow;

arch::HwConfig hw_of(int rows, int cols, bool os, bool ws) {
  arch::HwConfig hw;
  hw.name = "overlap";
  hw.build.rows = rows;
  hw.build.cols = cols;
  hw.build.output_stationary = os;
  hw.build.weight_stationary = ws;
  hw.build.input = {static_cast<std::uint32_t>(64 * hw.build.input_vector_bytes()), 2};
  hw.build.weight = {static_cast<std::uint32_t>(64 * hw.build.weight_vector_bytes()), 2};
  hw.build.accumulator = {static_cast<std::uint32_t>(32 * hw.build.acc_vector_bytes()), 2};
  hw.run.dram_latency_cycles = 5;
  hw.run.dram_bytes_per_cycle = 16;
  arch::validate(hw.build, "overlap");
  return hw;
}

// Random data in both operand buffers, then `computes` random COMPUTEs, then every
// accumulator vector stored at `out`; `written` marks the vectors the COMPUTEs write (the
// others hold whatever an earlier job left).
arch::Program random_program(const arch::BuildConfig& b, int computes, std::uint32_t out,
                             std::vector<bool>& written, std::mt19937& rng) {
  const auto u = [](int v) { return static_cast<std::uint32_t>(v); };
  const int in_n = b.input_entries(), w_n = b.weight_entries(), acc_n = b.acc_entries();
  arch::Program p = {
      Command::load(arch::BufferId::kInput, 0, 0, u(in_n), u(b.rows), 1, u(b.rows)),
      Command::load(arch::BufferId::kWeight, 0, u(in_n * b.rows), u(w_n), u(b.cols), 1, u(b.cols)),
      Command::sync()};
  std::uint32_t held_k = 0;  // weights the array holds (0: none usable for keep_weights)
  written.assign(static_cast<std::size_t>(acc_n), false);
  for (int i = 0; i < computes; ++i) {
    const bool os = b.output_stationary && (!b.weight_stationary || uniform(rng, 0, 1) == 0);
    // Short shapes most of the time: they stress the spacing rules.
    const int lim = uniform(rng, 0, 3) == 0 ? 12 : 3;
    const int m = os ? uniform(rng, 1, b.rows) : uniform(rng, 1, lim);
    const int k = os ? uniform(rng, 1, lim) : uniform(rng, 1, b.rows);
    const int n = uniform(rng, 1, b.cols);
    const int streamed = os ? k : m;
    const bool keep = !os && held_k >= u(k) && uniform(rng, 0, 1) == 1;
    const int acc = uniform(rng, 0, acc_n - m);
    // Accumulate only onto sums this program wrote (others hold an earlier job's).
    bool accumulate = uniform(rng, 0, 2) > 0;
    for (int r = acc; r < acc + m; ++r) accumulate &= written[static_cast<std::size_t>(r)];
    p.push_back(Command::compute(os ? Dataflow::kOutputStationary : Dataflow::kWeightStationary,
                                 u(uniform(rng, 0, in_n - streamed)), u(uniform(rng, 0, w_n - k)),
                                 u(acc), u(m), u(n), u(k), accumulate, keep));
    held_k = os ? 0 : keep ? held_k : u(k);
    for (int r = acc; r < acc + m; ++r) written[static_cast<std::size_t>(r)] = true;
    if (uniform(rng, 0, 9) == 0) p.push_back(Command::sync());
  }
  p.push_back(Command::sync());
  p.push_back(
      Command::store(0, out, u(acc_n), u(b.cols), u(b.acc_width / 8), u(b.cols * b.acc_width / 8)));
  p.push_back(Command::sync());
  return p;
}

class RtlOverlap : public ::testing::TestWithParam<int> {};

TEST_P(RtlOverlap, RandomCommandStreamsMatchTheReferenceInterpreter) {
  const arch::HwConfig hw = GetParam() == 0   ? hw_of(4, 4, true, true)
                            : GetParam() == 1 ? hw_of(3, 5, true, false)
                                              : hw_of(5, 2, false, true);
  const arch::BuildConfig& b = hw.build;
  std::mt19937 rng(300 + GetParam());
  const std::uint32_t out = 8192;
  const std::uint32_t out_bytes =
      static_cast<std::uint32_t>(b.acc_entries() * b.acc_vector_bytes());
  std::vector<systemc::RtlJob> jobs;
  std::vector<std::vector<std::uint8_t>> expected;
  std::vector<std::vector<bool>> written(24);
  for (int i = 0; i < 24; ++i) {
    systemc::RtlJob j;
    j.program = random_program(b, uniform(rng, 1, 40), out, written[i], rng);
    j.dram.resize(out + out_bytes);
    for (std::uint32_t a = 0; a < out; ++a)
      j.dram[a] = static_cast<std::uint8_t>(uniform(rng, 0, 3) == 0 ? 0 : uniform(rng, 0, 255));
    j.dumps = {{out, out_bytes}};
    j.stall_probability = i % 3 == 2 ? 0.3 : 0;
    j.seed = i + 1;
    arch::ReferenceMachine ref(b, j.dram.size());
    ref.dram() = j.dram;
    ref.run(j.program);
    expected.emplace_back(ref.dram().begin() + out, ref.dram().end());
    jobs.push_back(std::move(j));
  }
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, jobs);
  ASSERT_EQ(run.status, systemc::RtlStatus::kOk) << run.reason;
  const std::size_t vector_bytes = static_cast<std::size_t>(b.acc_vector_bytes());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const std::vector<std::uint8_t>& got = run.jobs[i].dumps.at(0);
    ASSERT_EQ(got.size(), expected[i].size());
    for (std::size_t v = 0; v < written[i].size(); ++v) {
      const auto at = static_cast<std::ptrdiff_t>(v * vector_bytes);
      if (written[i][v] && !std::equal(got.begin() + at, got.begin() + at + vector_bytes,
                                       expected[i].begin() + at)) {
        ADD_FAILURE() << "program " << i << ", accumulator vector " << v << " differs:\n"
                      << arch::to_json(jobs[i].program).dump();
        break;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Arrays, RtlOverlap, ::testing::Values(0, 1, 2));

// Runs of equal COMPUTEs: the RTL takes exactly the program-level model's cycles, and a
// stream as long as the array is wide keeps it at least 90% busy.
TEST(RtlOverlapTiming, UniformRunsMatchTheModelAndStreamAtFullRate) {
  const arch::HwConfig hw = hw_of(4, 4, true, true);
  struct Run {
    Dataflow df;
    int m, n, k, count;
    bool keep;
  };
  const Run runs[] = {{Dataflow::kOutputStationary, 4, 4, 4, 40, false},
                      {Dataflow::kOutputStationary, 4, 4, 9, 20, false},
                      {Dataflow::kOutputStationary, 3, 4, 2, 20, false},
                      {Dataflow::kWeightStationary, 4, 4, 4, 40, false},
                      {Dataflow::kWeightStationary, 2, 4, 4, 20, false},
                      {Dataflow::kWeightStationary, 9, 4, 4, 20, true}};
  std::vector<systemc::RtlJob> jobs;
  for (const Run& r : runs) {
    systemc::RtlJob j;
    j.program = {Command::sync()};
    for (int i = 0; i < r.count; ++i)
      j.program.push_back(Command::compute(r.df, 0, 0, 0, r.m, r.n, r.k, i > 0, r.keep && i > 0));
    j.program.push_back(Command::sync());
    j.dram.assign(64, 0);
    jobs.push_back(j);
  }
  systemc::RtlJob empty;
  empty.program = {Command::sync(), Command::sync()};
  empty.dram.assign(64, 0);
  jobs.push_back(empty);
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, jobs);
  ASSERT_EQ(run.status, systemc::RtlStatus::kOk) << run.reason;
  mapping::Layer l;
  l.name = "l";
  const double base = static_cast<double>(run.jobs.back().counts.cycles);
  for (std::size_t i = 0; i < std::size(runs); ++i) {
    const Run& r = runs[i];
    EXPECT_EQ(run.jobs[i].counts.cycles, mapping::program_counts(hw, l, jobs[i].program).cycles)
        << "run " << i;
    const double cycles = static_cast<double>(run.jobs[i].counts.cycles) - base;
    const double utilisation = double(r.count) * r.m * r.n * r.k / (cycles * 16);
    if (r.m == 4 && r.k == 4) {
      EXPECT_GE(utilisation, 0.9) << "run " << i;
    }
  }
}

}  // namespace
}  // namespace codesign::tests
