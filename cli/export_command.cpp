#include "cli/export_command.hpp"

#include <cstdio>
#include <memory>

#include "export/design_export.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct ExportCliOptions {
  std::string study_file, trial = "best", out_dir, energy_file, cache_dir;
  bool verify = true;
};

int run_export(const ExportCliOptions& o) {
  try {
    std::int64_t id = 0;
    if (o.trial != "best") {
      try {
        std::size_t used = 0;
        id = std::stoll(o.trial, &used);
        if (used != o.trial.size() || id < 1) throw std::invalid_argument("");
      } catch (const std::exception&) {
        throw util::ConfigError("--trial: expected \"best\" or a trial id >= 1, got \"" + o.trial +
                                "\"");
      }
    }
    const store::StudyStore study(o.study_file);
    const arch::EnergyTable energy = arch::load_energy_table(
        o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
    exporter::ExportOptions eo{o.out_dir, o.cache_dir, o.verify};
    const exporter::ExportResult r = exporter::export_design(study, id, energy, eo);
    std::printf("codesign export: trial %lld -> %s (%zu files)\n", static_cast<long long>(r.trial),
                o.out_dir.c_str(), r.files.size());
    std::printf("  instantiate codesign_accel from %s/rtl (file list rtl/files.f)\n",
                o.out_dir.c_str());
    if (o.verify) std::printf("  verification: %s\n", r.verification.c_str());
    return !o.verify || r.verified ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto o = std::make_shared<ExportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export a design from a study: SystemVerilog configuration (package + wrapper around "
      "accel_top) with the RTL sources, per-layer mappings, programs and DRAM layouts, and a "
      "manifest; re-simulated on the RTL to check it reproduces the recorded metrics.");
  cmd->add_option("--study", o->study_file, "study file written by codesign search")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--trial", o->trial,
                  "\"best\" (default: best RTL-confirmed design, else the model's best) or an id");
  cmd->add_option("--out", o->out_dir, "output directory (must not exist or be empty)")->required();
  cmd->add_flag("!--no-verify", o->verify, "skip the re-simulation");
  cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o] { throw CLI::RuntimeError(run_export(*o)); });
}

}  // namespace codesign::cli
