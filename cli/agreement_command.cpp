#include "cli/agreement_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/options.hpp"
#include "tb/model_agreement.hpp"
#include "util/atomic_file.hpp"

namespace codesign::cli {

namespace {

struct AgreementOptions {
  int hw_points = 6;
  int cases_per_hw = 5;
  std::uint64_t seed = 1;
  std::string out_file, energy_file, cache_dir;
  std::vector<util::PathArg> inputs, outputs;  // as given on the command line
};

ExitCode run_agreement(const AgreementOptions& o) {
  util::check_output_paths(o.inputs, o.outputs);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  const systemc::BuildCache cache(o.cache_dir);
  cache.check_usable();
  const auto cases = tb::sample_agreement_cases(o.hw_points, o.cases_per_hw, o.seed);
  std::fprintf(stderr, "codesign agreement: %zu cases on %d hardware points\n", cases.size(),
               o.hw_points);
  const auto rows = tb::run_agreement(cases, energy, cache, [&](std::size_t done) {
    std::fprintf(stderr, "  hardware point %zu of %d done\n", done, o.hw_points);
  });
  const std::string table = tb::agreement_markdown(rows);
  std::fputs(table.c_str(), stdout);
  if (!o.out_file.empty()) util::write_file_atomic(o.out_file, table);
  for (const auto& r : rows)
    if (r.status != "ok") return kFailed;
  return kSuccess;
}

}  // namespace

void add_agreement_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<AgreementOptions>();
  CLI::App* cmd = app.add_subcommand(
      "agreement",
      "Compare the analytical model with the RTL on randomly sampled (hardware, layer, "
      "mapping) cases: cycles and energy per case, and a summary.");
  cmd->add_option("--hw-points", o->hw_points, "random hardware points (each is one build)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--cases-per-hw", o->cases_per_hw, "sampled layer/mapping cases per point")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", o->seed, "random seed");
  const CLI::Option* out =
      cmd->add_option("--out", o->out_file, "also write the Markdown table to this file");
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o, out, energy, &command] {
    o->inputs = paths_given({energy});
    o->outputs = paths_given({out});
    command = [o] { return run_agreement(*o); };
  });
}

}  // namespace codesign::cli
