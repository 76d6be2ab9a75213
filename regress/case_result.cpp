#include "regress/case_result.hpp"

#include "util/json_reader.hpp"

namespace codesign::regress {

namespace {

constexpr std::pair<RunStatus, const char*> kStatusNames[] = {
    {RunStatus::kOk, "ok"},
    {RunStatus::kMismatch, "mismatch"},
    {RunStatus::kStaleProgram, "stale_program"},
    {RunStatus::kBuildFailure, "build_failure"},
    {RunStatus::kSimFailure, "simulation_failure"},
    {RunStatus::kTimeout, "timeout"},
    {RunStatus::kError, "error"},
};

}  // namespace

const char* to_string(RunStatus s) {
  for (const auto& [status, name] : kStatusNames)
    if (status == s) return name;
  return "error";
}

RunStatus run_status_from_string(const std::string& s, const std::string& path) {
  for (const auto& [status, name] : kStatusNames)
    if (s == name) return status;
  throw util::ConfigError(path + ": unknown case status \"" + s + "\"");
}

}  // namespace codesign::regress
