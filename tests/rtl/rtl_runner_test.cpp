// The build cache and the runner: caching, failure outcomes, counters, waveforms.
#include <gtest/gtest.h>

#include <filesystem>

#include "rtl_cases.hpp"

namespace codesign::tests {
namespace {

arch::HwConfig small_hw() {
  arch::HwConfig hw;
  hw.build.rows = 4;
  hw.build.cols = 4;
  hw.build.input = {1024, 2};
  hw.build.weight = {1024, 2};
  hw.build.accumulator = {4096, 2};
  return hw;
}

RtlCase gemm_case(const arch::BuildConfig& b, int m, int n, int k, arch::Dataflow df) {
  tb::IntMatrix a(m, k), w(k, n);
  for (int i = 0; i < a.size(); ++i) a.data()[i] = (i * 37 + 11) % 255 - 127;
  for (int i = 0; i < w.size(); ++i) w.data()[i] = (i * 53 + 5) % 255 - 127;
  RtlCase c;
  c.name = "gemm";
  tb::Tiling t;
  t.dataflow = df;
  t.tm = df == arch::Dataflow::kOutputStationary ? std::min(m, b.rows) : m;
  t.tn = std::min(n, b.cols);
  t.tk = df == arch::Dataflow::kOutputStationary ? k : std::min(k, b.rows);
  c.program = tb::build_gemm(b, a, w, t);
  const tb::IntMatrix out = tb::gemm_golden(a, w, b.acc_width);
  c.expected.assign(out.data(), out.data() + out.size());
  return c;
}

TEST(RtlRunner, SecondRunReusesTheBuildAndRunParametersDoNotRebuild) {
  arch::HwConfig hw = small_hw();
  run_and_check(hw, {gemm_case(hw.build, 4, 4, 8, arch::Dataflow::kOutputStationary)});
  hw.run.dram_bytes_per_cycle = 2;
  hw.run.dram_latency_cycles = 7;
  const auto run =
      run_and_check(hw, {gemm_case(hw.build, 4, 4, 8, arch::Dataflow::kWeightStationary)});
  EXPECT_TRUE(run.build_cached);
}

TEST(RtlRunner, CountersAddUpForOneTile) {
  arch::HwConfig hw = small_hw();
  const auto run =
      run_and_check(hw, {gemm_case(hw.build, 4, 4, 16, arch::Dataflow::kOutputStationary)});
  ASSERT_EQ(run.jobs.size(), 1u);
  const arch::ActionCounts& a = run.jobs[0].counts;
  EXPECT_EQ(a.macs, 4u * 4 * 16);
  EXPECT_EQ(a.input_writes, 16u);
  EXPECT_EQ(a.weight_writes, 16u);
  EXPECT_EQ(a.input_reads, 16u);
  EXPECT_EQ(a.weight_reads, 16u);
  EXPECT_EQ(a.acc_writes, 4u);
  EXPECT_EQ(a.acc_reads, 4u);  // the store engine's reads
  EXPECT_EQ(a.dram_read_bytes, 2u * 16 * 4);
  EXPECT_EQ(a.dram_write_bytes, 4u * 4 * 4);
  EXPECT_GT(a.input_toggles, 0u);
  // OS compute, busy after the accepting cycle: its first read a cycle later, k reads, then
  // m drain slots whose results are written R + C cycles later.
  EXPECT_EQ(a.exec_busy_cycles, 1u + 16 + 4 + 4 + 4);
}

TEST(RtlRunner, ATooShortCycleLimitIsATimeoutNotACrash) {
  arch::HwConfig hw = small_hw();
  systemc::BuildCache cache;
  RtlCase c = gemm_case(hw.build, 8, 8, 16, arch::Dataflow::kOutputStationary);
  systemc::RtlJob j;
  j.program = c.program.program;
  j.dram = c.program.dram;
  j.max_cycles = 50;
  const auto run = systemc::run_rtl(cache, hw, {j, j});
  EXPECT_EQ(run.status, systemc::RtlStatus::kTimeout) << run.reason;
  ASSERT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(run.jobs[0].status, systemc::RtlStatus::kTimeout);
  EXPECT_EQ(run.jobs[1].status, systemc::RtlStatus::kNotRun);
  EXPECT_EQ(run.jobs[1].reason, "an earlier job failed");
}

TEST(RtlRunner, AnOutOfBoundsDramAccessIsASimulationFailure) {
  arch::HwConfig hw = small_hw();
  systemc::BuildCache cache;
  systemc::RtlJob j;
  j.program = {arch::Command::load(arch::BufferId::kInput, 0, 4000, 2, 4, 1, 4),
               arch::Command::sync()};
  j.dram.assign(1024, 0);
  const auto run = systemc::run_rtl(cache, hw, {j});
  EXPECT_EQ(run.status, systemc::RtlStatus::kSimFailure);
  EXPECT_NE(run.reason.find("beyond DRAM"), std::string::npos) << run.reason;
}

TEST(RtlRunner, AnInvalidProgramIsRejectedWithItsIndex) {
  arch::HwConfig hw = small_hw();
  systemc::BuildCache cache;
  systemc::RtlJob j;
  j.program = {arch::Command::sync(),
               arch::Command::compute(arch::Dataflow::kOutputStationary, 0, 0, 0, 9, 4, 4, false)};
  j.dram.assign(64, 0);
  const auto run = systemc::run_rtl(cache, hw, {j});
  EXPECT_EQ(run.status, systemc::RtlStatus::kSimFailure);
  EXPECT_NE(run.reason.find("program[1]"), std::string::npos) << run.reason;
}

TEST(RtlRunner, WritesAWaveformOnRequest) {
  arch::HwConfig hw = small_hw();
  systemc::BuildCache cache;
  RtlCase c = gemm_case(hw.build, 3, 2, 5, arch::Dataflow::kWeightStationary);
  systemc::RtlJob j;
  j.program = c.program.program;
  j.dram = c.program.dram;
  j.dumps = {{c.program.out_addr, c.program.out_bytes}};
  systemc::RtlRunOptions options;
  options.trace_file = ::testing::TempDir() + "/rtl_runner_wave.vcd";
  std::filesystem::remove(options.trace_file);
  const auto run = systemc::run_rtl(cache, hw, {j}, options);
  ASSERT_EQ(run.status, systemc::RtlStatus::kOk) << run.reason;
  EXPECT_GT(std::filesystem::file_size(options.trace_file), 1000u);
  EXPECT_EQ(tb::decode_outputs(run.jobs[0].dumps[0], 32), c.expected);
}

}  // namespace
}  // namespace codesign::tests
