// Shared pieces of the regression's unit tests: a fresh directory per test, a small hardware
// point and workload, and results and reports built by hand.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "regress/run_report.hpp"

namespace codesign::tests {

// A fresh, empty directory named after the running test.
inline std::filesystem::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   (std::string("regress_") + info->test_suite_name() + "_" + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string write_json(const std::filesystem::path& file, const nlohmann::json& j) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << j.dump(1);
  return file.string();
}

inline nlohmann::json tiny_hw(const std::string& name = "tiny-4x4", int cols = 4) {
  return {{"name", name},
          {"rows", 4},
          {"cols", cols},
          {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
          {"weight_buffer", {{"bytes", 1024}, {"banks", 2}}},
          {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
}

inline nlohmann::json tiny_workload(const std::string& name = "tiny") {
  return {{"name", name},
          {"layers", {{{"name", "fc"}, {"type", "fc"}, {"in", 12}, {"out", 6}, {"repeat", 2}}}}};
}

// A case's report as the driver makes it, with these metrics now and in the baseline.
inline regress::CaseReport case_report(const std::string& name, const std::string& variant,
                                       regress::Outcome outcome, double cycles,
                                       const std::string& message = "") {
  regress::CaseReport c;
  c.name = name;
  c.variant = variant;
  c.result.name = name;
  c.result.status = outcome == regress::Outcome::kError    ? regress::RunStatus::kBuildFailure
                    : outcome == regress::Outcome::kFailed ? regress::RunStatus::kMismatch
                                                           : regress::RunStatus::kOk;
  if (c.result.ok()) {
    c.result.metrics = {{regress::Metric::kCycles, cycles},
                        {regress::Metric::kEnergy, cycles * 10},
                        {regress::Metric::kEdp, cycles * 1e-12}};
  }
  c.result.wall_s = 1.5;
  c.verdict.outcome = outcome;
  c.verdict.message = message.empty() ? regress::to_string(outcome) : message;
  c.verdict.details = "details of " + name + "\n";
  return c;
}

inline regress::RunReport run_report(std::vector<regress::CaseReport> cases,
                                     const std::string& date = "2024-05-01T02:00:00Z") {
  regress::RunReport r;
  r.suite = "nightly";
  r.provenance = {date, "0123456789abcdef", "fedcba9876543210"};
  r.cases = std::move(cases);
  r.wall_s = 12;
  return r;
}

}  // namespace codesign::tests
