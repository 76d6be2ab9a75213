#include "cli/search_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

#include "arch/energy.hpp"
#include "area/budget_predicate.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"
#include "mapping/workload.hpp"
#include "search/codesign/codesign_search.hpp"
#include "search/codesign/trial_record.hpp"
#include "store/study_store.hpp"
#include "tb/mapped_layer.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

// Set by SIGINT; the search stops after the trial in progress and keeps every finished one.
std::atomic<bool> g_stop{false};
extern "C" void on_sigint(int) { g_stop = true; }

struct SearchOptions {
  std::string workload_file, space_file, study_file = "study.db", energy_file, cache_dir;
  std::string algorithm = "bo", mapper_algorithm = "random";
  std::size_t budget = 50, mapper_budget = 300, warmup = 10;
  std::uint64_t seed = 1;
  double time_limit_s = 0;
  bool resume = false;
  int confirm = 1;
};

// The study's identity: a resumed study must be the same search, or its continuation
// would not be what an uninterrupted run proposes.
nlohmann::json study_identity(const SearchOptions& o, const mapping::Workload& w,
                              const search::HwSpaceSpec& s) {
  return {{"workload", mapping::to_json(w)},
          {"space", search::to_json(s)},
          {"algorithm", o.algorithm},
          {"seed", o.seed},
          {"warmup", o.warmup},
          {"mapper_algorithm", o.mapper_algorithm},
          {"mapper_budget", o.mapper_budget}};
}

void progress(std::size_t done, std::size_t budget, double best, std::size_t feasible,
              double elapsed, bool tty) {
  const double per = done ? elapsed / static_cast<double>(done) : 0;
  char best_text[32] = "none yet";
  if (best < 1e300) std::snprintf(best_text, sizeof best_text, "%.4g J·s", best);
  char line[200];
  std::snprintf(line, sizeof line,
                "[%4zu/%zu] best EDP %s | feasible %3.0f%% | %.2f s/trial | ETA %.0f s", done,
                budget, best_text,
                done ? 100.0 * static_cast<double>(feasible) / static_cast<double>(done) : 0.0, per,
                per * static_cast<double>(budget - done));
  std::fprintf(stderr, tty ? "\r%s" : "%s\n", line);
}

// Runs the best design's layers on the RTL, every output checked, and records it.
void confirm_on_rtl(store::StudyStore& study, const store::Trial& best,
                    const arch::EnergyTable& energy, const std::string& cache_dir) {
  const arch::HwConfig hw = arch::hw_config_from_json(best.params["hw"], "study: hw");
  std::vector<tb::MappedLayer> runs;
  std::vector<int> repeats;
  for (const auto& l : best.params["layers"]) {
    runs.push_back({mapping::layer_from_json(l["layer"], "study: layer"),
                    mapping::mapping_from_json(l["mapping"], "study: mapping"), 1});
    repeats.push_back(runs.back().layer.repeat);
  }
  std::fprintf(stderr, "codesign: confirming trial %lld on the RTL (%zu layers)\n",
               static_cast<long long>(best.id), runs.size());
  const systemc::BuildCache cache(cache_dir);
  const auto t0 = std::chrono::steady_clock::now();
  const auto results = tb::run_mapped_layers(hw, runs, cache);
  store::Trial t;
  t.algorithm = best.algorithm;
  t.fidelity = "rtl";
  t.parent = best.id;
  t.design = best.design;
  t.params = best.params;
  t.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double energy_pj = 0, delay_s = 0;
  nlohmann::json layers = nlohmann::json::array();
  t.status = "ok";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    if (!r.ok()) {
      t.status = r.status == systemc::RtlStatus::kOk ? "mismatch" : systemc::to_string(r.status);
      t.reason = runs[i].layer.name + ": " + r.reason;
      break;
    }
    const arch::Metrics m = arch::metrics_of(r.counts, hw, energy);
    energy_pj += repeats[i] * m.energy_pj;
    delay_s += repeats[i] * m.delay_s;
    layers.push_back({{"name", runs[i].layer.name},
                      {"outputs_checked", r.outputs},
                      {"metrics", arch::to_json(m)}});
  }
  t.feasible = t.status == "ok";
  t.objective = t.feasible ? energy_pj * 1e-12 * delay_s : 0;
  t.energy_pj = energy_pj;
  t.delay_s = delay_s;
  const double model = best.objective;
  t.result = {{"energy_pj", energy_pj},
              {"delay_s", delay_s},
              {"edp_js", t.objective},
              {"model_edp_js", model},
              {"model_vs_rtl", t.feasible ? (model - t.objective) / t.objective : 0.0},
              {"layers", layers}};
  study.add(t);
  if (t.feasible)
    std::printf("  RTL-confirmed EDP %.4g J·s (model %.4g J·s, %+.1f%%), every output bit-exact\n",
                t.objective, model, 100 * (model - t.objective) / t.objective);
  else
    std::printf("  RTL confirmation failed: %s: %s\n", t.status.c_str(), t.reason.c_str());
}

int run_search(const SearchOptions& o) {
  try {
    const mapping::Workload workload = mapping::load_workload(o.workload_file);
    const search::HwSpaceSpec spec = search::load_hw_space(o.space_file);
    const arch::EnergyTable energy = arch::load_energy_table(
        o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
    // Area and power budgets need the area model (a variant's first use synthesises it).
    std::unique_ptr<area::SynthesisCache> synthesis;
    std::unique_ptr<area::AreaModel> area_model;
    std::unique_ptr<area::BudgetConstraint> budget;
    search::HwConstraint area_budget;
    if (spec.area_mm2_budget > 0 || spec.power_mw_budget > 0) {
      area::Budgets b;
      if (spec.area_mm2_budget > 0) b.area_mm2 = spec.area_mm2_budget;
      if (spec.power_mw_budget > 0) b.power_mw = spec.power_mw_budget;
      synthesis = std::make_unique<area::SynthesisCache>();
      area_model = std::make_unique<area::AreaModel>(
          *synthesis, area::load_cell_library(area::default_cell_library_path()),
          area::load_sram_model(area::default_sram_model_path()));
      budget = std::make_unique<area::BudgetConstraint>(*area_model, energy, b);
      area_budget = area::budget_predicate(*budget, b);
      std::fprintf(stderr,
                   "codesign: area/power budgets: each new data-width/dataflow variant is "
                   "synthesised once to calibrate the area model (minutes, then cached)\n");
    }
    const search::HwSpace space(spec, area_budget);
    {
      // A space without a single point within budget is bad input, found before any work.
      std::mt19937_64 rng(o.seed);
      try {
        space.space().sample(rng);
      } catch (const std::runtime_error&) {
        throw util::ConfigError(o.space_file + ": no hardware point satisfies the budgets");
      }
    }
    const bool exists = ::access(o.study_file.c_str(), F_OK) == 0;
    if (exists && !o.resume)
      throw util::ConfigError(o.study_file + ": study exists; pass --resume to continue it");
    if (!exists && o.resume) throw util::ConfigError(o.study_file + ": no study to resume");
    store::StudyStore study(o.study_file);
    const std::string identity = study_identity(o, workload, spec).dump();
    if (const auto stored = study.meta("identity")) {
      if (*stored != identity)
        throw util::ConfigError(o.study_file +
                                ": resumed with different inputs (workload, space, algorithm, "
                                "seed or mapper) than the study was started with");
    } else {
      study.set_meta("identity", identity);
    }

    // Replay finished trials through the same optimiser: with the same seed it then
    // proposes exactly what an uninterrupted run would.
    std::vector<store::Trial> done;
    for (auto& t : study.trials())
      if (t.fidelity == "model") done.push_back(std::move(t));
    const auto layers = search::distinct_layers(workload);
    search::MapperOptions mapper{o.mapper_algorithm, o.mapper_budget, o.seed};
    auto opt = search::make_optimizer(space.space(), {o.algorithm, o.seed, o.warmup});
    search::WarmStarts warm;
    for (const store::Trial& t : done) {
      const search::Point x = opt->ask(1).at(0);
      const arch::HwConfig hw = space.decode(x);
      if (arch::to_json(hw) != t.params["hw"])
        throw util::ConfigError(o.study_file + ": trial " + std::to_string(t.id) +
                                " does not replay; the study was written by another version");
      for (const auto& l : t.params["layers"])
        warm.add(mapping::layer_from_json(l["layer"], "study"),
                 mapping::mapping_from_json(l["mapping"], "study"));
      opt->tell(x, t.feasible ? search::Observation::success(std::log(t.objective))
                              : search::Observation::failure());
    }
    if (!done.empty()) std::fprintf(stderr, "codesign: resumed %zu trials\n", done.size());

    std::signal(SIGINT, on_sigint);
    const bool tty = ::isatty(STDERR_FILENO);
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    std::size_t feasible = 0;
    double best = 1e300;
    for (const auto& t : done) {
      feasible += t.feasible;
      if (t.feasible) best = std::min(best, t.objective);
    }
    std::size_t count = done.size();
    while (count < o.budget && !g_stop) {
      if (o.time_limit_s > 0 && elapsed() > o.time_limit_s) {
        std::fprintf(stderr, "%scodesign: time limit reached\n", tty ? "\n" : "");
        break;
      }
      const search::Point x = opt->ask(1).at(0);
      const search::HwEvaluation e =
          search::evaluate_hw(space.decode(x), layers, energy, mapper, &warm);
      opt->tell(x, e.feasible ? search::Observation::success(search::hw_objective(e))
                              : search::Observation::failure());
      study.add(search::to_trial(e, o.algorithm));
      ++count;
      feasible += e.feasible;
      if (e.feasible) best = std::min(best, e.edp_js);
      progress(count, o.budget, best, feasible, elapsed(), tty);
    }
    if (tty) std::fprintf(stderr, "\n");
    if (g_stop) std::fprintf(stderr, "codesign: interrupted; %zu trials kept\n", count);

    const auto best_trial = study.best("model");
    if (!best_trial) {
      std::printf("codesign search: no feasible design in %zu trials\n", count);
      return 1;
    }
    std::printf("codesign search: %zu trials in %s\n", count, o.study_file.c_str());
    std::printf("  best design (trial %lld): %s\n", static_cast<long long>(best_trial->id),
                best_trial->params["hw"]["name"].get<std::string>().c_str());
    std::printf("  model EDP %.4g J·s, energy %.4g µJ, %llu cycles\n", best_trial->objective,
                best_trial->result["energy_pj"].get<double>() * 1e-6,
                best_trial->result["cycles"].get<unsigned long long>());
    if (o.confirm > 0 && !g_stop) confirm_on_rtl(study, *best_trial, energy, o.cache_dir);
    return 0;
  } catch (const util::ConfigError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}

}  // namespace

void add_search_command(CLI::App& app) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Co-design search: hardware points within the space's budgets (outer search) with the "
      "best mapping of every layer (inner search) by the analytical model, minimising the "
      "network's EDP; every trial stored as it completes; the best design confirmed on the "
      "RTL. Ctrl-C stops cleanly and keeps every finished trial.");
  cmd->add_option("--workload", o->workload_file, "network (JSON, e.g. configs/workloads/dqn.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--space", o->space_file,
                  "design space and budgets (JSON, e.g. configs/spaces/edge.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--study", o->study_file, "study file (SQLite), created or resumed");
  cmd->add_flag("--resume", o->resume, "continue an existing study");
  cmd->add_option("--budget", o->budget, "hardware points to evaluate (total, resumed included)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--time-limit", o->time_limit_s, "stop after this many seconds (0: none)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--algorithm", o->algorithm, "outer search: bo, random, ga, sa")
      ->check(CLI::IsMember({"bo", "random", "ga", "sa"}));
  cmd->add_option("--seed", o->seed, "random seed (same seed, same trials)");
  cmd->add_option("--warmup", o->warmup, "BO: random points before the model is trusted")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--mapper-algorithm", o->mapper_algorithm, "inner search: bo, random, ga, sa")
      ->check(CLI::IsMember({"bo", "random", "ga", "sa"}));
  cmd->add_option("--mapper-budget", o->mapper_budget, "model evaluations per layer")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--confirm", o->confirm, "confirm the best design on the RTL (1) or not (0)")
      ->check(CLI::Range(0, 1));
  cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o] { throw CLI::RuntimeError(run_search(*o)); });
}

}  // namespace codesign::cli
