// Exporting a design from a study: a ready-to-instantiate SystemVerilog configuration (a
// package with the chosen parameters and a wrapper around accel_top, with the RTL sources
// and a file list), the hardware point, every layer's mapping, program and DRAM layout,
// and a manifest (metrics, tool version, git revision, seed, hashes of the inputs). Every
// layer of the study's workload has its own folder, under its own name and repeat, and
// mappings.json gathers their mappings as a mapping file (`simulate --mapping`). The
// export is re-simulated on the RTL and must reproduce the recorded metrics.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "store/study_store.hpp"

namespace codesign::exporter {

struct ExportOptions {
  std::string out_dir;
  std::string cache_dir;  // simulator build cache for the re-simulation
  bool verify = true;     // re-simulate and compare with the recorded RTL metrics
};

struct ExportResult {
  std::int64_t trial = 0;
  std::vector<std::string> files;  // relative to out_dir
  bool verified = false;           // re-simulation reproduced the recorded RTL metrics
  std::string verification;        // what was compared, or why it failed
};

// `trial` 0 exports the best design: best RTL-confirmed EDP, else the best model trial. Throws
// util::ConfigError for bad input (no such trial, an infeasible trial, out_dir not empty); writes
// nothing unless it succeeds.
ExportResult export_design(const store::StudyStore& study, std::int64_t trial,
                           const arch::EnergyTable& energy, const ExportOptions& options);

// The SystemVerilog package of parameters and the wrapper that applies them to accel_top.
struct SvConfiguration {
  std::string package;  // codesign_accel_config_pkg.sv
  std::string wrapper;  // codesign_accel.sv
};
SvConfiguration sv_configuration(const arch::BuildConfig& b, const std::string& provenance);

}  // namespace codesign::exporter
