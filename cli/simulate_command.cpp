#include "cli/simulate_command.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <sstream>

#include "arch/energy.hpp"
#include "arch/network_metrics.hpp"
#include "area/area_model.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"
#include "cli/options.hpp"
#include "importer/workload_source.hpp"
#include "mapping/mapping_file.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/model.hpp"
#include "search/codesign/mapper.hpp"
#include "tb/mapped_layer.hpp"
#include "util/atomic_file.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct SimulateOptions {
  std::string hw_file, workload_file, mapping_file = "auto", fidelity = "rtl", layers;
  std::string energy_file, out_file, csv_file, trace_file, cache_dir;
  std::size_t mapper_budget = 300;
  std::uint64_t seed = 1;
  bool leakage = false;
  double stall_probability = 0, timeout_s = 3600;
  std::vector<util::PathArg> inputs, outputs;  // as given on the command line
};

struct LayerRun {
  mapping::Layer layer;
  mapping::Mapping mapping;
  std::string status = "ok";
  std::string reason;
  std::size_t outputs = 0, mismatches = 0;
  arch::ActionCounts counts;
  arch::Metrics metrics;
};

std::vector<mapping::Layer> select_layers(const mapping::Workload& w, const std::string& names,
                                          const std::string& file) {
  if (names.empty()) return w.layers;
  std::vector<mapping::Layer> out;
  std::stringstream list(names);
  for (std::string name; std::getline(list, name, ',');) {
    bool found = false;
    for (const auto& l : w.layers)
      if (l.name == name) {
        out.push_back(l);
        found = true;
      }
    if (!found) {
      std::string known;
      for (const auto& l : w.layers) known += (known.empty() ? "" : ", ") + l.name;
      throw util::ConfigError("--layers: " + file + " has no layer \"" + name +
                              "\" (layers: " + known + ")");
    }
  }
  return out;
}

// The design's area from the Yosys-calibrated model (a new variant is synthesised once).
double area_mm2_of(const arch::HwConfig& hw) {
  const area::SynthesisCache synthesis;
  area::AreaModel model(synthesis, area::load_cell_library(area::default_cell_library_path()),
                        area::load_sram_model(area::default_sram_model_path()));
  std::fprintf(stderr, "codesign: area model for %s (a new variant is synthesised once)\n",
               hw.build.key().c_str());
  return model.area(hw.build).total_mm2();
}

void print_table(const arch::HwConfig& hw, const std::string& fidelity,
                 const std::vector<LayerRun>& runs) {
  std::printf("codesign simulate: %s (%dx%d PEs) at fidelity %s\n", hw.name.c_str(), hw.build.rows,
              hw.build.cols, fidelity.c_str());
  std::printf("  %-16s %6s %-6s %12s %12s %12s %12s %6s  %s\n", "layer", "repeat", "mode", "MACs",
              "cycles", "energy uJ", "EDP J*s", "util%", "status");
  arch::NetworkMetrics network;
  std::uint64_t macs = 0;
  for (const auto& r : runs) {
    std::printf("  %-16s %6d %-6s %12llu %12llu %12.4g %12.4g %6.1f  %s%s%s\n",
                r.layer.name.c_str(), r.layer.repeat, mapping::mode_name(r.mapping).c_str(),
                static_cast<unsigned long long>(r.layer.macs()),
                static_cast<unsigned long long>(r.metrics.cycles), r.metrics.energy_pj * 1e-6,
                r.metrics.edp_js, 100 * r.metrics.utilisation, r.status.c_str(),
                r.reason.empty() ? "" : ": ", r.reason.c_str());
    network.add(r.metrics, r.layer.repeat);
    macs += static_cast<std::uint64_t>(r.layer.repeat) * r.layer.macs();
  }
  const arch::Metrics total = network.total();
  const double energy = total.energy_pj;
  std::printf(
      "  total (repeats counted): %llu MACs, %llu cycles, %.4g uJ, %.4g ms, EDP %.4g J*s, "
      "average power %.4g mW\n",
      static_cast<unsigned long long>(macs), static_cast<unsigned long long>(total.cycles),
      energy * 1e-6, total.delay_s * 1e3, total.edp_js, total.average_power_mw);
  std::printf("  energy by component:");
  const nlohmann::json by_component = arch::to_json(total.energy);
  for (const auto& [name, v] : by_component.items())
    if (name != "total")
      std::printf(" %s %.1f%%", name.c_str(), energy > 0 ? 100 * v.get<double>() / energy : 0.0);
  std::printf("\n");
}

ExitCode run_simulate(const SimulateOptions& o) {
  util::check_output_paths(o.inputs, o.outputs);
  // --timeout bounds the whole command: mapping, building and simulating.
  const auto start = std::chrono::steady_clock::now();
  auto seconds_left = [&] {
    return o.timeout_s -
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const arch::HwConfig hw = arch::load_hw_config(o.hw_file);
  const mapping::Workload workload = importer::load_workload_file(o.workload_file);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  const std::vector<mapping::Layer> layers = select_layers(workload, o.layers, o.workload_file);
  const std::vector<mapping::Mapping> given =
      o.mapping_file == "auto"
          ? std::vector<mapping::Mapping>{}
          : mapping::load_mapping_file(o.mapping_file, hw.build, workload, layers);
  const systemc::BuildCache cache(o.cache_dir);
  if (o.fidelity == "rtl") cache.check_usable();
  std::vector<LayerRun> runs;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    util::throw_if_interrupted();
    LayerRun r;
    r.layer = layers[i];
    if (given.empty()) {
      const auto best =
          search::best_mapping(hw, layers[i], energy, {"random", o.mapper_budget, o.seed});
      if (!best)
        throw util::ConfigError(o.workload_file + ": layer " + layers[i].name +
                                " has no valid mapping on " + o.hw_file + ": " +
                                mapping::Mapspace(hw.build, layers[i]).unmappable_reason());
      r.mapping = best->mapping;
    } else {
      r.mapping = given[i];
    }
    r.counts = mapping::LayerModel(hw, r.layer).evaluate(r.mapping);
    runs.push_back(r);
  }
  if (o.fidelity == "rtl") {
    std::vector<tb::MappedLayer> jobs;
    for (const auto& r : runs) jobs.push_back({r.layer, r.mapping, o.seed});
    tb::MappedRunOptions ro;
    ro.run.trace_file = o.trace_file;
    ro.run.timeout_s = std::max(seconds_left(), 1e-3);
    ro.stall_probability = o.stall_probability;
    std::fprintf(stderr, "codesign: simulating %zu layers on the RTL of %s\n", jobs.size(),
                 hw.build.key().c_str());
    const auto results = tb::run_mapped_layers(hw, jobs, cache, ro);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      runs[i].counts = results[i].counts;
      runs[i].outputs = results[i].outputs;
      runs[i].mismatches = results[i].mismatches;
      runs[i].status = results[i].ok() ? "ok"
                       : results[i].status == systemc::RtlStatus::kOk
                           ? "mismatch"
                           : systemc::to_string(results[i].status);
      runs[i].reason = results[i].ok() ? "" : results[i].reason;
    }
  }
  const double area_mm2 = o.leakage ? area_mm2_of(hw) : 0;
  bool ok = true;
  nlohmann::json out_layers = nlohmann::json::array();
  std::string csv =
      "layer,repeat,dataflow,status,cycles,energy_pj,delay_s,edp_js,utilisation,outputs,"
      "mismatches\n";
  for (auto& r : runs) {
    r.metrics = mapping::layer_metrics(r.counts, hw, energy, r.layer, area_mm2);
    ok = ok && r.status == "ok";
    out_layers.push_back({{"layer", mapping::to_json(r.layer)},
                          {"mapping", mapping::to_json(r.mapping)},
                          {"status", r.status},
                          {"reason", r.reason},
                          {"outputs_checked", r.outputs},
                          {"output_mismatches", r.mismatches},
                          {"counts", arch::to_json(r.counts)},
                          {"metrics", arch::to_json(r.metrics)}});
    char row[512];
    std::snprintf(row, sizeof row, "%s,%d,%s,%s,%llu,%.6g,%.6g,%.6g,%.6g,%zu,%zu\n",
                  r.layer.name.c_str(), r.layer.repeat, arch::to_string(r.mapping.dataflow),
                  r.status.c_str(), static_cast<unsigned long long>(r.metrics.cycles),
                  r.metrics.energy_pj, r.metrics.delay_s, r.metrics.edp_js, r.metrics.utilisation,
                  r.outputs, r.mismatches);
    csv += row;
  }
  print_table(hw, o.fidelity, runs);
  if (o.fidelity == "rtl" && ok) std::printf("  every output of every layer bit-exact\n");
  // Every output or none: JSON and CSV are written together.
  std::vector<std::pair<std::string, std::string>> files;
  if (!o.out_file.empty()) {
    const nlohmann::json j = {{"tool", "codesign simulate"}, {"fidelity", o.fidelity},
                              {"hw", arch::to_json(hw)},     {"workload", workload.name},
                              {"area_mm2", area_mm2},        {"energy_table", energy.name},
                              {"layers", out_layers}};
    files.emplace_back(o.out_file, j.dump(2) + "\n");
  }
  if (!o.csv_file.empty()) files.emplace_back(o.csv_file, csv);
  util::throw_if_interrupted();
  util::write_files_atomic(files);
  if (!o.out_file.empty()) std::printf("  report: %s\n", o.out_file.c_str());
  return ok ? kSuccess : kFailed;
}

}  // namespace

void add_simulate_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Validate a design on a workload: per layer and in total, cycles, energy by component, "
      "EDP and utilisation, by the analytical model or cycle-accurately on the RTL with every "
      "output checked bit-exactly against the golden model.");
  const CLI::Option* hw =
      cmd->add_option("--hw", o->hw_file, "hardware point (JSON, e.g. configs/hw/default.json)")
          ->required()
          ->check(CLI::ExistingFile);
  const CLI::Option* workload =
      cmd->add_option("--workload", o->workload_file,
                      "network (workload JSON, e.g. configs/workloads/dqn.json, or an ONNX model)")
          ->required()
          ->check(CLI::ExistingFile);
  cmd->add_option("--mapping", o->mapping_file,
                  "\"auto\" (best by the model) or a JSON {\"layers\": {name: mapping}}");
  cmd->add_option("--fidelity", o->fidelity, "model or rtl (default rtl)")
      ->check(CLI::IsMember({"model", "rtl"}));
  cmd->add_option("--layers", o->layers, "comma-separated layer names (default: all)");
  cmd->add_option("--mapper-budget", o->mapper_budget, "model evaluations per layer for auto")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", o->seed, "seed of the mapper and of the random operands")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
  cmd->add_flag("--leakage", o->leakage,
                "price leakage from the design's area (Yosys-calibrated area model; a new "
                "data-width/dataflow variant is synthesised once, minutes)");
  const CLI::Option* out = cmd->add_option("--out", o->out_file, "write the report as JSON");
  const CLI::Option* csv =
      cmd->add_option("--csv", o->csv_file, "write the per-layer table as CSV");
  const CLI::Option* trace =
      cmd->add_option("--trace", o->trace_file, "VCD waveform of the RTL run (a traced build)");
  cmd->add_option("--stall-probability", o->stall_probability,
                  "random DRAM-side stalls per cycle, to test robustness")
      ->check(CLI::Range(0.0, 0.95));
  cmd->add_option("--timeout", o->timeout_s,
                  "wall-clock limit of the whole command (mapping, building, simulating), "
                  "seconds")
      ->check(CLI::Range(1.0, 1e6));
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o, hw, workload, energy, out, csv, trace, &command] {
    o->inputs = paths_given({hw, workload, energy});
    if (o->mapping_file != "auto") o->inputs.push_back({"--mapping", o->mapping_file});
    o->outputs = paths_given({out, csv, trace});
    command = [o] { return run_simulate(*o); };
  });
}

}  // namespace codesign::cli
