// Runs mapped layers on the RTL: each (layer, mapping) is compiled, given random tensors,
// simulated cycle-accurately, and every output compared with the golden model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"
#include "systemc/rtl_runner.hpp"

namespace codesign::tb {

struct MappedLayer {
  mapping::Layer layer;
  mapping::Mapping mapping;
  std::uint64_t seed = 1;  // below 2^63
};

struct MappedLayerResult {
  systemc::RtlStatus status = systemc::RtlStatus::kSimFailure;
  std::string reason;  // failure, or the first mismatching output
  std::size_t outputs = 0;
  std::size_t mismatches = 0;
  arch::ActionCounts counts;  // one occurrence of the layer
  bool ok() const { return status == systemc::RtlStatus::kOk && mismatches == 0; }
};

struct MappedRunOptions {
  systemc::RtlRunOptions run;
  double stall_probability = 0;
  std::uint64_t max_cycles = 2'000'000'000;
};

// All layers run in one simulator process, one job each. The mappings must be valid
// (mapping::check_mapping); an invalid one throws util::ConfigError before anything runs.
std::vector<MappedLayerResult> run_mapped_layers(const arch::HwConfig& hw,
                                                 const std::vector<MappedLayer>& layers,
                                                 const systemc::BuildCache& cache,
                                                 const MappedRunOptions& options = {});

}  // namespace codesign::tb
