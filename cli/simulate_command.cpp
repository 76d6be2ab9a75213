#include "cli/simulate_command.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

#include "arch/energy.hpp"
#include "tb/layer_validation.hpp"
#include "util/atomic_file.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct SimulateOptions {
  std::string hw_file, layer_file, energy_file, out_file, trace_file, cache_dir;
  double stall_probability = 0;
  double timeout_s = 3600;
};

std::string human(double v, const char* unit) {
  const char* prefixes[] = {"p", "n", "µ", "m", "", "k", "M", "G"};
  int i = 0;  // v is in pico-units
  while (std::abs(v) >= 1000 && i < 7) {
    v /= 1000;
    ++i;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %s%s", v, prefixes[i], unit);
  return buf;
}

void print_report(const arch::HwConfig& hw, const tb::LayerCase& layer,
                  const tb::ValidationReport& r) {
  const arch::BuildConfig& b = hw.build;
  std::printf("codesign simulate: %s on %s (%dx%d PEs, %d/%d-bit, %s%s)\n", layer.name.c_str(),
              hw.name.c_str(), b.rows, b.cols, b.data_width, b.acc_width,
              b.output_stationary ? "os" : "",
              b.weight_stationary ? (b.output_stationary ? "+ws" : "ws") : "");
  std::printf("  status       %s%s%s\n", r.status.c_str(), r.reason.empty() ? "" : ": ",
              r.reason.c_str());
  if (r.status != "ok" && r.status != "mismatch") return;
  const arch::ActionCounts& a = r.counts;
  const arch::Metrics& m = r.metrics;
  std::printf("  outputs      %s\n", r.check.describe().c_str());
  std::printf("  cycles       %llu (%s at %.0f MHz), utilisation %.1f %%\n",
              static_cast<unsigned long long>(a.cycles), human(m.delay_s * 1e12, "s").c_str(),
              hw.run.clock_mhz, 100 * m.utilisation);
  std::printf(
      "  MACs         %llu (%.1f %% with a zero operand)\n",
      static_cast<unsigned long long>(a.macs),
      a.macs ? 100.0 * static_cast<double>(a.zero_macs) / static_cast<double>(a.macs) : 0.0);
  std::printf("  energy       %s\n", human(m.energy_pj, "J").c_str());
  const arch::EnergyBreakdown& e = m.energy;
  const std::pair<const char*, double> parts[] = {{"mac", e.mac_pj},
                                                  {"registers", e.register_pj},
                                                  {"input buffer", e.input_buffer_pj},
                                                  {"weight buffer", e.weight_buffer_pj},
                                                  {"accumulator buffer", e.accumulator_buffer_pj},
                                                  {"dram", e.dram_pj}};
  for (const auto& [name, pj] : parts)
    std::printf("    %-20s %10s  %5.1f %%\n", name, human(pj, "J").c_str(),
                m.energy_pj > 0 ? 100 * pj / m.energy_pj : 0.0);
  std::printf("  EDP          %.4g J·s\n", m.edp_js);
  std::printf("  DRAM         %llu B read, %llu B written\n",
              static_cast<unsigned long long>(a.dram_read_bytes),
              static_cast<unsigned long long>(a.dram_write_bytes));
  std::printf(
      "  engines      exec %.1f %%, load %.1f %%, store %.1f %% busy; %llu bank-conflict stalls\n",
      100.0 * static_cast<double>(a.exec_busy_cycles) / static_cast<double>(a.cycles),
      100.0 * static_cast<double>(a.load_busy_cycles) / static_cast<double>(a.cycles),
      100.0 * static_cast<double>(a.store_busy_cycles) / static_cast<double>(a.cycles),
      static_cast<unsigned long long>(a.bank_conflict_stalls));
  std::printf("  simulator    build %.1f s%s, run %.2f s (%.1f M MAC/s)\n", r.build_s,
              r.build_cached ? " (cached)" : "", r.sim_wall_s,
              r.sim_wall_s > 0 ? static_cast<double>(a.macs) / r.sim_wall_s / 1e6 : 0.0);
}

int run_simulate(const SimulateOptions& o) {
  try {
    const arch::HwConfig hw = arch::load_hw_config(o.hw_file);
    const tb::LayerCase layer = tb::load_layer_case(o.layer_file);
    const arch::EnergyTable energy = arch::load_energy_table(
        o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
    try {
      tb::check_tiling(hw.build, layer.tiling);
    } catch (const std::invalid_argument& e) {
      throw util::ConfigError(o.layer_file + ": tiling." + e.what() + " on " + o.hw_file);
    }
    const systemc::BuildCache cache(o.cache_dir);
    std::fprintf(stderr, "codesign: building or reusing the simulator for %s in %s\n",
                 hw.build.key().c_str(), cache.root().c_str());
    tb::ValidationOptions vo;
    vo.stall_probability = o.stall_probability;
    vo.run.trace_file = o.trace_file;
    vo.run.timeout_s = o.timeout_s;
    const tb::ValidationReport r = tb::validate_on_rtl(hw, layer, energy, cache, vo);
    print_report(hw, layer, r);
    if (!o.out_file.empty()) {
      nlohmann::json j = {{"tool", "codesign simulate"},
                          {"hw", arch::to_json(hw)},
                          {"layer", tb::to_json(layer)},
                          {"energy_table", energy.name},
                          {"report", tb::to_json(r)}};
      util::write_file_atomic(o.out_file, j.dump(2) + "\n");
      std::printf("  report       %s\n", o.out_file.c_str());
    }
    return r.ok() ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Validate a design on one layer: cycle-accurate RTL simulation, every output checked "
      "bit-exactly against the golden model, cycles, energy by component, EDP, utilisation.");
  cmd->add_option("--hw", o->hw_file, "hardware point (JSON, e.g. configs/hw/default.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--layer", o->layer_file,
                  "layer and tiling (JSON, e.g. configs/layers/default.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--energy", o->energy_file,
                  "energy table (JSON; default configs/energy/45nm.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out_file, "write the report as JSON to this file");
  cmd->add_option("--trace", o->trace_file,
                  "write a VCD waveform of the run (uses a traced build)");
  cmd->add_option("--stall-probability", o->stall_probability,
                  "random DRAM-side stalls per cycle, to test robustness")
      ->check(CLI::Range(0.0, 0.95));
  cmd->add_option("--timeout", o->timeout_s, "wall-clock limit of the simulation, seconds")
      ->check(CLI::Range(1.0, 1e6));
  cmd->add_option("--cache", o->cache_dir,
                  "simulator build cache (default $CODESIGN_RTL_CACHE or <build>/rtl-cache)");
  cmd->callback([o] { throw CLI::RuntimeError(run_simulate(*o)); });
}

}  // namespace codesign::cli
