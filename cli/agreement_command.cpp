#include "cli/agreement_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/options.hpp"
#include "search/codesign/codesign_search.hpp"
#include "tb/model_agreement.hpp"
#include "util/atomic_file.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

struct AgreementOptions {
  int hw_points = 6;
  int cases_per_hw = 5;
  std::uint64_t seed = 1;
  std::string out_file, csv_file, energy_file, cache_dir;
  std::vector<std::string> workload_files;  // per-layer mode when given
  std::string hw_file;
  std::size_t mapper_budget = search::MapperOptions{}.budget;
  std::vector<util::PathArg> inputs, outputs;  // as given on the command line
};

// Every distinct layer of each workload on the hardware point, with the mapper's mapping;
// `sizes` gets each workload's number of cases.
std::vector<tb::AgreementCase> workload_cases(const AgreementOptions& o,
                                              const arch::EnergyTable& energy,
                                              std::vector<std::size_t>& sizes) {
  const arch::HwConfig hw = arch::load_hw_config(o.hw_file);
  search::MapperOptions mapper;
  mapper.budget = o.mapper_budget;
  mapper.seed = o.seed;
  std::vector<tb::AgreementCase> cases;
  for (const std::string& file : o.workload_files) {
    const mapping::Workload w = mapping::load_workload(file);
    const search::HwEvaluation e =
        search::evaluate_hw(hw, mapping::distinct_shapes(w.layers).distinct, energy, mapper);
    if (!e.feasible) throw util::ConfigError(file + ": " + e.reason + " on " + o.hw_file);
    for (const search::LayerResult& l : e.layers)
      cases.push_back({hw, l.layer, l.best.mapping, o.seed});
    sizes.push_back(e.layers.size());
  }
  return cases;
}

ExitCode run_agreement(const AgreementOptions& o) {
  util::check_output_paths(o.inputs, o.outputs);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  const systemc::BuildCache cache(o.cache_dir);
  cache.check_usable();
  const bool per_layer = !o.workload_files.empty();
  std::vector<std::size_t> sizes;
  const auto cases = per_layer ? workload_cases(o, energy, sizes)
                               : tb::sample_agreement_cases(o.hw_points, o.cases_per_hw, o.seed);
  std::fprintf(stderr, "codesign agreement: %zu cases\n", cases.size());
  tb::MappedRunOptions run;
  run.run.timeout_s = 24 * 3600.0;  // whole workloads in one simulator process
  const auto rows = tb::run_agreement(
      cases, energy, cache,
      [&](std::size_t done) { std::fprintf(stderr, "  hardware point %zu done\n", done); }, run);
  std::string table;
  if (per_layer) {
    // One table per workload, in the order given.
    auto first = rows.begin();
    for (std::size_t i = 0; i < sizes.size(); first += sizes[i++])
      table += "### " + o.workload_files[i] + " on " + o.hw_file + "\n\n" +
               tb::workload_agreement_markdown({first, first + sizes[i]}) + "\n";
    if (sizes.size() > 1) table += "All workloads: " + tb::workload_agreement_summary(rows);
  } else {
    table = tb::agreement_markdown(rows);
  }
  std::fputs(table.c_str(), stdout);
  if (!o.out_file.empty()) util::write_file_atomic(o.out_file, table);
  if (!o.csv_file.empty()) util::write_file_atomic(o.csv_file, tb::agreement_csv(rows));
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
      "mapping) cases, or with --workload on every layer of whole workloads with the mapper's "
      "mappings: cycles, energy and engine busy/stall/idle counters per case, and a summary.");
  CLI::Option* hw_points =
      cmd->add_option("--hw-points", o->hw_points, "random hardware points (each is one build)")
          ->check(CLI::Range(1, 100));
  CLI::Option* cases_per_hw =
      cmd->add_option("--cases-per-hw", o->cases_per_hw, "sampled layer/mapping cases per point")
          ->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", o->seed, "random seed (cases, mapper, tensors)");
  CLI::Option* workload =
      cmd->add_option("--workload", o->workload_files,
                      "per-layer mode: every layer of this workload (repeatable)")
          ->check(CLI::ExistingFile);
  CLI::Option* hw = cmd->add_option("--hw", o->hw_file, "per-layer mode: the hardware point")
                        ->check(CLI::ExistingFile);
  workload->needs(hw);
  hw->needs(workload);
  cmd->add_option("--mapper-budget", o->mapper_budget,
                  "per-layer mode: model evaluations per layer for the mapper")
      ->check(CLI::Range(1, 10000000))
      ->needs(workload);
  hw_points->excludes(workload);
  cases_per_hw->excludes(workload);
  const CLI::Option* csv =
      cmd->add_option("--csv", o->csv_file, "also write every count of both fidelities (CSV)");
  const CLI::Option* out =
      cmd->add_option("--out", o->out_file, "also write the Markdown table to this file");
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o, out, csv, energy, hw, &command] {
    o->inputs = paths_given({energy, hw});
    for (const std::string& file : o->workload_files) o->inputs.push_back({"--workload", file});
    o->outputs = paths_given({out, csv});
    command = [o] { return run_agreement(*o); };
  });
}

}  // namespace codesign::cli
