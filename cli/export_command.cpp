#include "cli/export_command.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/options.hpp"
#include "export/design_export.hpp"
#include "systemc/build_cache.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct ExportCliOptions {
  std::string study_file, trial = "best", out_dir, energy_file, cache_dir;
  bool verify = true;
  std::vector<util::PathArg> inputs;  // as given on the command line
};

std::int64_t trial_id(const std::string& text) {
  if (text == "best") return 0;
  try {
    std::size_t used = 0;
    const std::int64_t id = std::stoll(text, &used);
    if (used == text.size() && id >= 1) return id;
  } catch (const std::exception&) {
  }
  throw util::ConfigError("--trial: expected \"best\" or a trial id >= 1, got \"" + text + "\"");
}

// Removes what the export wrote if it does not complete: a failed command leaves the
// output directory as it found it (absent, or empty).
class UndoneUnlessKept {
 public:
  explicit UndoneUnlessKept(std::string dir)
      : dir_(std::move(dir)), existed_(std::filesystem::exists(dir_)) {}
  ~UndoneUnlessKept() {
    if (dir_.empty()) return;
    std::error_code ignored;
    if (!existed_) {
      std::filesystem::remove_all(dir_, ignored);
      return;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ignored))
      std::filesystem::remove_all(entry.path(), ignored);
  }
  UndoneUnlessKept(const UndoneUnlessKept&) = delete;
  UndoneUnlessKept& operator=(const UndoneUnlessKept&) = delete;
  void keep() { dir_.clear(); }

 private:
  std::string dir_;
  bool existed_;
};

ExitCode run_export(const ExportCliOptions& o) {
  util::check_output_paths(o.inputs, {}, {{"--out", o.out_dir}});
  const std::int64_t id = trial_id(o.trial);
  const store::StudyStore study(o.study_file, store::StudyStore::Access::kRead);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  const systemc::BuildCache cache(o.cache_dir);
  if (o.verify) cache.check_usable();
  UndoneUnlessKept out(o.out_dir);
  exporter::ExportOptions eo{o.out_dir, o.cache_dir, o.verify};
  const exporter::ExportResult r = exporter::export_design(study, id, energy, eo);
  out.keep();  // written completely: a failed re-simulation is a result, reported below
  std::printf("codesign export: trial %lld -> %s (%zu files)\n", static_cast<long long>(r.trial),
              o.out_dir.c_str(), r.files.size());
  std::printf("  instantiate codesign_accel from %s/rtl (file list rtl/files.f)\n",
              o.out_dir.c_str());
  if (o.verify) std::printf("  verification: %s\n", r.verification.c_str());
  return !o.verify || r.verified ? kSuccess : kFailed;
}

}  // namespace

void add_export_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<ExportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export a design from a study: SystemVerilog configuration (package + wrapper around "
      "accel_top) with the RTL sources, per-layer mappings, programs and DRAM layouts, and a "
      "manifest; re-simulated on the RTL to check it reproduces the recorded metrics.");
  const CLI::Option* study =
      cmd->add_option("--study", o->study_file, "study file written by codesign search")
          ->required();
  cmd->add_option("--trial", o->trial,
                  "\"best\" (default: best RTL-confirmed design, else the model's best) or an id");
  cmd->add_option("--out", o->out_dir, "output directory (must not exist or be empty)")->required();
  cmd->add_flag("!--no-verify", o->verify, "skip the re-simulation");
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o, study, energy, &command] {
    o->inputs = paths_given({study, energy});
    command = [o] { return run_export(*o); };
  });
}

}  // namespace codesign::cli
