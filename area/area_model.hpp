// Accelerator area in microseconds per point, for the search: logic from per-variant
// coefficients measured by synthesis (cached), SRAM buffers from the capacity model.
//   logic = PE x rows x cols                                  (synthesised PE)
//         + skew-register bits x flip-flop area               (edge: rows^2, cols^2 terms)
//         + fixed + per_row x rows + per_col x cols + per_lane x max(rows, cols)
// The last line (command queues, engines, counters, lane masks, write-back adders, the load
// engine's lanes) is fitted exactly to four small synthesised arrays of the variant.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"

namespace codesign::area {

// What a logic variant (data/acc widths, dataflows) costs; independent of shape and buffers.
struct LogicCoefficients {
  double pe_um2 = 0;
  double skew_bit_um2 = 0;  // one bit of a skew/de-skew shift register
  double fixed_um2 = 0;
  double per_row_um2 = 0;
  double per_col_um2 = 0;
  double per_lane_um2 = 0;  // per load-engine lane, max(rows, cols) of them
};

struct AreaBreakdown {
  double pe_array_um2 = 0;
  double edge_um2 = 0;     // skew and de-skew registers
  double control_um2 = 0;  // queues, engines, counters, per-lane logic
  double input_buffer_um2 = 0;
  double weight_buffer_um2 = 0;
  double accumulator_buffer_um2 = 0;
  double logic_um2() const { return pe_array_um2 + edge_um2 + control_um2; }
  double sram_um2() const { return input_buffer_um2 + weight_buffer_um2 + accumulator_buffer_um2; }
  double total_um2() const { return logic_um2() + sram_um2(); }
  double total_mm2() const { return total_um2() * 1e-6; }
};

// Bits of skew (inputs, weights) and de-skew (weight-stationary sums) shift registers: a
// lane i places i registers, so these grow with rows^2 and cols^2.
long skew_register_bits(const arch::BuildConfig& b);

// The four shapes the per-lane coefficients are fitted to (2x2, 4x2, 2x4, 4x4), each with
// the variant's widths and dataflows and 1024-entry, 1-bank buffers.
std::vector<arch::BuildConfig> calibration_shapes(const arch::BuildConfig& variant);
// Solves for fixed/per_row/per_col/per_lane given the PE and skew-bit areas and the logic
// area of each calibration shape.
LogicCoefficients fit_coefficients(
    const arch::BuildConfig& variant, double pe_um2, double skew_bit_um2,
    const std::function<double(const arch::BuildConfig&)>& logic_um2);
// Synthesises (or reads from the cache) one PE and the four shapes, and fits.
LogicCoefficients calibrate(const arch::BuildConfig& variant, const SynthesisCache& cache,
                            const CellLibrary& lib);

// The area of a configuration, pure arithmetic.
AreaBreakdown estimate_area(const arch::BuildConfig& b, const LogicCoefficients& c,
                            const SramModel& sram);

// Variant key: widths and dataflows, what LogicCoefficients depend on.
std::string logic_variant_key(const arch::BuildConfig& b);

// Remembers coefficients per variant, so that only a variant's first point pays for its
// synthesis (or cache read).
class AreaModel {
 public:
  using CoefficientSource = std::function<LogicCoefficients(const arch::BuildConfig&)>;
  AreaModel(CoefficientSource source, SramModel sram);
  // Coefficients measured by synthesis through `cache`.
  AreaModel(const SynthesisCache& cache, CellLibrary lib, SramModel sram);

  AreaBreakdown area(const arch::BuildConfig& b);
  const LogicCoefficients& coefficients(const arch::BuildConfig& b);

 private:
  CoefficientSource source_;
  SramModel sram_;
  std::map<std::string, LogicCoefficients> by_variant_;
};

nlohmann::json to_json(const AreaBreakdown& a);
nlohmann::json to_json(const LogicCoefficients& c);

}  // namespace codesign::area
