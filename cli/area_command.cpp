#include "cli/area_command.hpp"

#include <cstdio>
#include <memory>

#include "arch/energy.hpp"
#include "area/area_model.hpp"
#include "area/power.hpp"
#include "cli/options.hpp"
#include "util/atomic_file.hpp"

namespace codesign::cli {

namespace {

struct AreaOptions {
  std::string hw_file, json_file, energy_file, cells_file, sram_file, cache_dir;
  std::vector<util::PathArg> inputs, outputs;  // as given on the command line
};

void print_report(const arch::HwConfig& hw, const area::AreaBreakdown& a,
                  const area::PowerEstimate& p) {
  const arch::BuildConfig& b = hw.build;
  std::printf("codesign area: %s (%dx%d PEs, %d/%d-bit, %s%s)\n", hw.name.c_str(), b.rows, b.cols,
              b.data_width, b.acc_width, b.output_stationary ? "os" : "",
              b.weight_stationary ? (b.output_stationary ? "+ws" : "ws") : "");
  const std::pair<const char*, double> parts[] = {
      {"PE array logic", a.pe_array_um2},     {"edge (skew) logic", a.edge_um2},
      {"control logic", a.control_um2},       {"input buffer", a.input_buffer_um2},
      {"weight buffer", a.weight_buffer_um2}, {"accumulator buffer", a.accumulator_buffer_um2}};
  for (const auto& [name, um2] : parts)
    std::printf("  %-20s %10.4f mm²  %5.1f %%\n", name, um2 * 1e-6, 100 * um2 / a.total_um2());
  std::printf("  %-20s %10.4f mm²\n", "total", a.total_mm2());
  std::printf("  %-20s %10.3f mW\n", "leakage power", p.leakage_mw);
  std::printf("  %-20s %10.3f mW at %.0f MHz\n", "peak power", p.peak_mw(), hw.run.clock_mhz);
}

ExitCode run_area(const AreaOptions& o) {
  util::check_output_paths(o.inputs, o.outputs);
  const arch::HwConfig hw = arch::load_hw_config(o.hw_file);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  const area::SynthesisCache cache(o.cache_dir);
  std::fprintf(stderr, "codesign: synthesising or reusing the logic of %s in %s\n",
               area::logic_variant_key(hw.build).c_str(), cache.root().c_str());
  area::AreaModel model(
      cache,
      area::load_cell_library(o.cells_file.empty() ? area::default_cell_library_path()
                                                   : o.cells_file),
      area::load_sram_model(o.sram_file.empty() ? area::default_sram_model_path() : o.sram_file));
  const area::AreaBreakdown a = model.area(hw.build);
  const area::PowerEstimate p = area::estimate_power(hw, a.total_mm2(), energy);
  print_report(hw, a, p);
  if (!o.json_file.empty()) {
    const nlohmann::json j = {
        {"tool", "codesign area"},    {"hw", arch::to_json(hw)},
        {"area", area::to_json(a)},   {"coefficients", area::to_json(model.coefficients(hw.build))},
        {"leakage_mw", p.leakage_mw}, {"peak_power_mw", p.peak_mw()}};
    util::write_file_atomic(o.json_file, j.dump(2) + "\n");
    std::printf("  report               %s\n", o.json_file.c_str());
  }
  return kSuccess;
}

}  // namespace

void add_area_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<AreaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "area",
      "Area of a hardware point: PE array, edge and control logic (from Yosys synthesis, "
      "cached per variant), each SRAM buffer (capacity model), total; leakage and peak power.");
  const CLI::Option* hw =
      cmd->add_option("--hw", o->hw_file, "hardware point (JSON, e.g. configs/hw/default.json)")
          ->required()
          ->check(CLI::ExistingFile);
  const CLI::Option* json =
      cmd->add_option("--json", o->json_file, "write the breakdown as JSON to this file");
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file,
                      "energy table, for leakage (JSON; default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  const CLI::Option* cells =
      cmd->add_option("--cells", o->cells_file,
                      "cell-area table (JSON; default configs/area/nangate45.json)")
          ->check(CLI::ExistingFile);
  const CLI::Option* sram =
      cmd->add_option("--sram", o->sram_file,
                      "SRAM area model (JSON; default configs/area/sram_45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir,
                  "synthesis cache (default $CODESIGN_AREA_CACHE or <build>/area-cache)");
  cmd->callback([o, hw, json, energy, cells, sram, &command] {
    o->inputs = paths_given({hw, energy, cells, sram});
    o->outputs = paths_given({json});
    command = [o] { return run_area(*o); };
  });
}

}  // namespace codesign::cli
