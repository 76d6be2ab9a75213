// Shared helpers of the RTL tests: run a batch of test programs on one hardware point and
// compare every output with the golden model.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "systemc/rtl_runner.hpp"
#include "tb/program_builder.hpp"

namespace codesign::tests {

// A uniformly drawn integer in [lo, hi].
inline int uniform(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

struct RtlCase {
  std::string name;
  tb::TestProgram program;
  std::vector<std::int64_t> expected;
  double stall_probability = 0;
};

// Runs all cases in one simulator process; fails the test for each mismatching case.
inline systemc::RtlRun run_and_check(const arch::HwConfig& hw, const std::vector<RtlCase>& cases) {
  systemc::BuildCache cache;
  std::vector<systemc::RtlJob> jobs;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    systemc::RtlJob j;
    j.program = cases[i].program.program;
    j.dram = cases[i].program.dram;
    j.dumps = {{cases[i].program.out_addr, cases[i].program.out_bytes}};
    j.stall_probability = cases[i].stall_probability;
    j.seed = i + 1;
    j.max_cycles = 20'000'000;
    jobs.push_back(std::move(j));
  }
  const systemc::RtlRun run = systemc::run_rtl(cache, hw, jobs);
  EXPECT_EQ(run.status, systemc::RtlStatus::kOk) << run.reason;
  for (std::size_t i = 0; i < run.jobs.size(); ++i) {
    if (run.jobs[i].status != systemc::RtlStatus::kOk) continue;
    const tb::OutputCheck check =
        tb::check_outputs(run.jobs[i].dumps.at(0), hw.build.acc_width, cases[i].expected);
    EXPECT_TRUE(check.exact()) << cases[i].name << ": " << check.describe();
  }
  return run;
}

}  // namespace codesign::tests
