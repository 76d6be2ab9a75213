// Does the analytical model agree with the RTL? Cases of (hardware point, layer, mapping)
// are drawn at random — hardware shapes and buffers, layers of every type, mappings from
// the mapspace sampler — and each is evaluated by the model and run on the RTL.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"
#include "systemc/build_cache.hpp"

namespace codesign::tb {

struct AgreementCase {
  arch::HwConfig hw;
  mapping::Layer layer;
  mapping::Mapping mapping;
  std::uint64_t seed = 1;
};

struct AgreementRow {
  AgreementCase c;
  std::string status;  // "ok", or why the RTL run failed or mismatched
  arch::Metrics model, rtl;
  arch::ActionCounts model_counts, rtl_counts;
  double cycle_error = 0;   // (model - rtl) / rtl
  double energy_error = 0;  // (model - rtl) / rtl
};

// `hw_points` hardware points with `cases_per_hw` sampled (layer, mapping) cases each.
std::vector<AgreementCase> sample_agreement_cases(int hw_points, int cases_per_hw,
                                                  std::uint64_t seed);

// Runs every case on both fidelities; one simulator process per hardware point.
// `progress` is told each finished hardware point.
std::vector<AgreementRow> run_agreement(const std::vector<AgreementCase>& cases,
                                        const arch::EnergyTable& energy,
                                        const systemc::BuildCache& cache,
                                        const std::function<void(std::size_t done)>& progress);

// A Markdown table, one row per case, with a summary line.
std::string agreement_markdown(const std::vector<AgreementRow>& rows);

}  // namespace codesign::tb
