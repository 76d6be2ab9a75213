// Does the analytical model agree with the RTL? Each case of (hardware point, layer,
// mapping) is evaluated by the model and run on the RTL, and the two compared in cycles,
// energy and the counters a breakdown shows a user (engine busy, stall and idle cycles).
// Cases are drawn at random — hardware shapes and buffers, layers of every type, mappings
// from the mapspace sampler — or are every layer of a workload with its mapper's mapping.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"
#include "systemc/build_cache.hpp"
#include "tb/mapped_layer.hpp"

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

// The counters besides cycles that a breakdown shows: engine busy, stall and idle cycles.
struct Counter {
  const char* name;
  std::uint64_t arch::ActionCounts::*field;
};
const std::vector<Counter>& breakdown_counters();

// (model - rtl) / rtl; 0 when both are 0; nullopt when only the RTL's is 0 (undefined).
std::optional<double> relative_error(double model, double rtl);

// |relative error| over the rows that ran ("ok").
struct ErrorStats {
  double mean = 0, max = 0;
  int defined = 0;    // rows where the error is defined
  int undefined = 0;  // rows where the RTL counted 0 and the model did not
};

// A breakdown counter is close to the RTL's when within kCounterTolerance of it, or when the
// difference is within kCounterCycleShare of the layer's RTL cycles: a counter the RTL counts
// a few hundred times in a long layer (idle) says nothing wrong about the breakdown when the
// model's count is off by half of it.
inline constexpr double kCounterTolerance = 0.10, kCounterCycleShare = 0.01;

struct AgreementSummary {
  int rows = 0, ok = 0;
  ErrorStats cycles, energy;
  std::vector<ErrorStats> counters;  // in breakdown_counters() order
  std::vector<int> counters_close;   // rows (that ran) where the counter is close, same order
};
AgreementSummary summarise(const std::vector<AgreementRow>& rows);

// `hw_points` hardware points with `cases_per_hw` sampled (layer, mapping) cases each.
std::vector<AgreementCase> sample_agreement_cases(int hw_points, int cases_per_hw,
                                                  std::uint64_t seed);

// Runs every case on both fidelities; one simulator process per hardware point (with the
// `options` of run_mapped_layers). `progress` is told each finished hardware point.
std::vector<AgreementRow> run_agreement(const std::vector<AgreementCase>& cases,
                                        const arch::EnergyTable& energy,
                                        const systemc::BuildCache& cache,
                                        const std::function<void(std::size_t done)>& progress,
                                        const MappedRunOptions& options = {});

// A Markdown table, one row per case, with a summary line.
std::string agreement_markdown(const std::vector<AgreementRow>& rows);

// For the layers of one workload (each case's layer.repeat = its occurrences): one row per
// layer with the errors in cycles, energy and every breakdown counter; the summary (mean
// and max |error| of each); and the network's totals, repeats counted.
std::string workload_agreement_markdown(const std::vector<AgreementRow>& rows);
// Its summary and network totals alone (one paragraph).
std::string workload_agreement_summary(const std::vector<AgreementRow>& rows);

// Every count of both fidelities, one row per case (CSV with a header).
std::string agreement_csv(const std::vector<AgreementRow>& rows);

}  // namespace codesign::tb
