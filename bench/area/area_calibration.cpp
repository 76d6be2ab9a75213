// Calibration of the area model against whole-accelerator synthesis: for each configuration,
// the model's logic area (per-PE synthesis x PEs + skew registers + fitted per-lane logic)
// next to the logic area of the synthesised accelerator (Yosys, buffers black-boxed), and
// the model's evaluation time. Prints a Markdown table (bench/area/RESULTS.md).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "area/area_model.hpp"

using namespace codesign;

namespace {

struct Config {
  int rows, cols, data_width, acc_width;
  bool os, ws;
  int entries, banks;
};

arch::BuildConfig build(const Config& c) {
  arch::BuildConfig b;
  b.rows = c.rows;
  b.cols = c.cols;
  b.data_width = c.data_width;
  b.acc_width = c.acc_width;
  b.output_stationary = c.os;
  b.weight_stationary = c.ws;
  const auto buf = [&](int vector_bytes) {
    return arch::BufferSpec{static_cast<std::uint32_t>(c.entries * vector_bytes),
                            static_cast<std::uint32_t>(c.banks)};
  };
  b.input = buf(b.input_vector_bytes());
  b.weight = buf(b.weight_vector_bytes());
  b.accumulator = buf(b.acc_vector_bytes());
  return b;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
  const Config configs[] = {
      {3, 3, 8, 32, true, true, 256, 1},    {8, 8, 8, 32, true, true, 1024, 2},
      {16, 16, 8, 32, true, true, 4096, 2}, {32, 32, 8, 32, true, true, 2048, 4},
      {12, 6, 8, 24, true, false, 512, 2},  {4, 10, 16, 32, false, true, 8192, 8},
      {8, 8, 16, 32, true, true, 1024, 1},  {16, 8, 8, 16, false, true, 2048, 2},
  };
  const area::SynthesisCache cache;
  const area::CellLibrary lib = area::load_cell_library(area::default_cell_library_path());
  area::AreaModel model(cache, lib, area::load_sram_model(area::default_sram_model_path()));

  std::printf(
      "| configuration | PEs | model logic (mm²) | synthesis logic (mm²) | error | cells | "
      "synthesis (s) | model (µs) | model total with SRAM (mm²) |\n"
      "|---|---|---|---|---|---|---|---|---|\n");
  double worst = 0;
  for (const Config& c : configs) {
    const arch::BuildConfig b = build(c);
    model.coefficients(b);  // calibrate the variant first (synthesis, cached)
    // Model evaluation time, calibrated: the average of many evaluations.
    constexpr int kRepeats = 100000;
    double total_um2 = 0;  // summed, so the evaluations are not optimised away
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kRepeats; ++i) total_um2 += model.area(b).total_um2();
    const double model_us = seconds_since(t0) / kRepeats * 1e6;
    const double modelled = model.area(b).logic_um2();
    const area::SynthesisResult r = cache.run(area::accelerator_target(b));
    const double synthesised = area::logic_area_um2(r.cells, lib);
    long cells = 0;
    for (const auto& [type, n] : r.cells) cells += n;
    const double error = modelled / synthesised - 1;
    worst = std::max(worst, std::abs(error));
    std::printf("| %s | %d | %.4f | %.4f | %+.2f %% | %ld | %.1f%s | %.2f | %.3f |\n",
                b.key().c_str(), b.rows * b.cols, modelled * 1e-6, synthesised * 1e-6, 100 * error,
                cells, r.seconds, r.cached ? " (cached)" : "", model_us,
                total_um2 / kRepeats * 1e-6);
  }
  std::printf(
      "\nworst error %.2f %%\n\n| variant | PE (µm²) | fixed | per row | per col | per "
      "lane | skew bit |\n|---|---|---|---|---|---|---|\n",
      100 * worst);
  std::set<std::string> printed;
  for (const Config& c : configs) {
    const arch::BuildConfig b = build(c);
    if (!printed.insert(area::logic_variant_key(b)).second) continue;
    const area::LogicCoefficients& k = model.coefficients(b);
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |\n",
                area::logic_variant_key(b).c_str(), k.pe_um2, k.fixed_um2, k.per_row_um2,
                k.per_col_um2, k.per_lane_um2, k.skew_bit_um2);
  }
  return worst <= 0.05 ? 0 : 1;
}
