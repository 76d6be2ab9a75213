#include "area/area_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace codesign::area {

namespace {

// Flip-flop type of the skew registers (asynchronous active-low reset, no enable).
constexpr const char* kSkewRegisterCell = "$_DFF_PN0_";
constexpr int kCalibrationEntries = 1024;

long triangle(long n) { return n * (n - 1) / 2; }

}  // namespace

long skew_register_bits(const arch::BuildConfig& b) {
  long bits = triangle(b.rows) * b.data_width;                       // inputs, always
  if (b.output_stationary) bits += triangle(b.cols) * b.data_width;  // weights
  if (b.weight_stationary) bits += triangle(b.cols) * b.acc_width;   // sums, de-skewed
  return bits;
}

std::string logic_variant_key(const arch::BuildConfig& b) {
  return "d" + std::to_string(b.data_width) + "_a" + std::to_string(b.acc_width) + "_df" +
         (b.output_stationary ? "o" : "") + (b.weight_stationary ? "w" : "");
}

std::vector<arch::BuildConfig> calibration_shapes(const arch::BuildConfig& variant) {
  std::vector<arch::BuildConfig> shapes;
  for (const auto& [rows, cols] : {std::pair{2, 2}, {4, 2}, {2, 4}, {4, 4}}) {
    arch::BuildConfig b = variant;
    b.rows = rows;
    b.cols = cols;
    b.input = {static_cast<std::uint32_t>(kCalibrationEntries * b.input_vector_bytes()), 1};
    b.weight = {static_cast<std::uint32_t>(kCalibrationEntries * b.weight_vector_bytes()), 1};
    b.accumulator = {static_cast<std::uint32_t>(kCalibrationEntries * b.acc_vector_bytes()), 1};
    shapes.push_back(b);
  }
  return shapes;
}

LogicCoefficients fit_coefficients(
    const arch::BuildConfig& variant, double pe_um2, double skew_bit_um2,
    const std::function<double(const arch::BuildConfig&)>& logic_um2) {
  LogicCoefficients c;
  c.pe_um2 = pe_um2;
  c.skew_bit_um2 = skew_bit_um2;
  // What the PEs and skew registers do not explain, at 2x2, 4x2, 2x4, 4x4:
  //   s = fixed + per_row*R + per_col*C + per_lane*max(R, C)
  const auto shapes = calibration_shapes(variant);
  double s[4];
  for (int i = 0; i < 4; ++i) {
    const arch::BuildConfig& b = shapes[static_cast<std::size_t>(i)];
    s[i] = logic_um2(b) - c.pe_um2 * b.rows * b.cols -
           c.skew_bit_um2 * static_cast<double>(skew_register_bits(b));
  }
  c.per_row_um2 = (s[3] - s[2]) / 2;
  c.per_col_um2 = (s[3] - s[1]) / 2;
  c.per_lane_um2 = (s[1] - s[0]) / 2 - c.per_row_um2;
  c.fixed_um2 = s[0] - 2 * (c.per_row_um2 + c.per_col_um2 + c.per_lane_um2);
  return c;
}

LogicCoefficients calibrate(const arch::BuildConfig& variant, const SynthesisCache& cache,
                            const CellLibrary& lib) {
  const auto it = lib.area_um2.find(kSkewRegisterCell);
  if (it == lib.area_um2.end())
    throw std::runtime_error("cell library " + lib.name + " has no area for " + kSkewRegisterCell +
                             " (skew registers)");
  return fit_coefficients(variant, logic_area_um2(cache.run(pe_target(variant)).cells, lib),
                          it->second, [&](const arch::BuildConfig& b) {
                            return logic_area_um2(cache.run(accelerator_target(b)).cells, lib);
                          });
}

AreaBreakdown estimate_area(const arch::BuildConfig& b, const LogicCoefficients& c,
                            const SramModel& sram) {
  AreaBreakdown a;
  a.pe_array_um2 = c.pe_um2 * b.rows * b.cols;
  a.edge_um2 = c.skew_bit_um2 * static_cast<double>(skew_register_bits(b));
  a.control_um2 = c.fixed_um2 + c.per_row_um2 * b.rows + c.per_col_um2 * b.cols +
                  c.per_lane_um2 * std::max(b.rows, b.cols);
  a.input_buffer_um2 = sram_area_um2(sram, b.input_entries(), b.rows * b.data_width,
                                     static_cast<int>(b.input.banks), false);
  a.weight_buffer_um2 = sram_area_um2(sram, b.weight_entries(), b.cols * b.data_width,
                                      static_cast<int>(b.weight.banks), false);
  // The accumulator buffer has a dedicated write port for read-modify-write.
  a.accumulator_buffer_um2 = sram_area_um2(sram, b.acc_entries(), b.cols * b.acc_width,
                                           static_cast<int>(b.accumulator.banks), true);
  return a;
}

AreaModel::AreaModel(CoefficientSource source, SramModel sram)
    : source_(std::move(source)), sram_(std::move(sram)) {}

AreaModel::AreaModel(const SynthesisCache& cache, CellLibrary lib, SramModel sram)
    : AreaModel([cache, lib = std::move(lib)](
                    const arch::BuildConfig& b) { return calibrate(b, cache, lib); },
                std::move(sram)) {}

const LogicCoefficients& AreaModel::coefficients(const arch::BuildConfig& b) {
  const std::string key = logic_variant_key(b);
  auto it = by_variant_.find(key);
  if (it == by_variant_.end()) it = by_variant_.emplace(key, source_(b)).first;
  return it->second;
}

AreaBreakdown AreaModel::area(const arch::BuildConfig& b) {
  return estimate_area(b, coefficients(b), sram_);
}

nlohmann::json to_json(const AreaBreakdown& a) {
  return {{"pe_array_um2", a.pe_array_um2},
          {"edge_um2", a.edge_um2},
          {"control_um2", a.control_um2},
          {"logic_um2", a.logic_um2()},
          {"input_buffer_um2", a.input_buffer_um2},
          {"weight_buffer_um2", a.weight_buffer_um2},
          {"accumulator_buffer_um2", a.accumulator_buffer_um2},
          {"sram_um2", a.sram_um2()},
          {"total_um2", a.total_um2()},
          {"total_mm2", a.total_mm2()}};
}

nlohmann::json to_json(const LogicCoefficients& c) {
  return {{"pe_um2", c.pe_um2},           {"skew_bit_um2", c.skew_bit_um2},
          {"fixed_um2", c.fixed_um2},     {"per_row_um2", c.per_row_um2},
          {"per_col_um2", c.per_col_um2}, {"per_lane_um2", c.per_lane_um2}};
}

}  // namespace codesign::area
