#include "cli/search_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "arch/energy.hpp"
#include "area/budget_predicate.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"
#include "cli/rtl_confirmation.hpp"
#include "importer/workload_source.hpp"
#include "mapping/workload.hpp"
#include "search/codesign/codesign_search.hpp"
#include "search/codesign/trial_record.hpp"
#include "store/study_store.hpp"
#include "store/trial_json.hpp"
#include "util/forked_tasks.hpp"
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
  bool area = false;        // record every design's area (implied by area or power budgets)
  bool leakage = false;     // price leakage in every EDP (implies area)
  std::size_t confirm = 3;  // best designs confirmed on the RTL
  std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  double trial_timeout_s = 600;
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
          {"mapper_budget", o.mapper_budget},
          {"leakage", o.leakage}};
}

// One line of progress; the rate and ETA count only this run's trials, not resumed ones.
void progress(std::size_t done, std::size_t resumed, std::size_t budget, double best,
              std::size_t feasible, double elapsed, bool tty) {
  const std::size_t fresh = done - resumed;
  const double per = fresh ? elapsed / static_cast<double>(fresh) : 0;
  char best_text[32] = "none yet";
  if (best < 1e300) std::snprintf(best_text, sizeof best_text, "%.4g J·s", best);
  char line[200];
  std::snprintf(line, sizeof line,
                "[%4zu/%zu] best EDP %s | feasible %3.0f%% | %.2f s/trial | ETA %.0f s", done,
                budget, best_text,
                done ? 100.0 * static_cast<double>(feasible) / static_cast<double>(done) : 0.0, per,
                per * static_cast<double>(budget > done ? budget - done : 0));
  std::fprintf(stderr, tty ? "\r%s" : "%s\n", line);
}

// A batch of proposals evaluated together: slot i is the i-th point of one ask(q). Trials
// record their batch and slot, so a resumed study replays the same asks.
struct Batch {
  std::int64_t index = 0;
  std::vector<search::Point> points;
  std::vector<std::optional<store::Trial>> trials;  // per slot, once evaluated
};

nlohmann::json proposal(const Batch& b, std::size_t slot) {
  return {{"batch", b.index}, {"size", b.points.size()}, {"slot", slot}};
}

// Tells the optimiser a finished batch, in slot order, and remembers its mappings as warm
// starts for later inner searches.
void tell_batch(const Batch& b, search::Optimizer& opt, search::WarmStarts& warm) {
  for (std::size_t i = 0; i < b.points.size(); ++i) {
    const store::Trial& t = *b.trials[i];
    for (const auto& l : t.params["layers"])
      warm.add(mapping::layer_from_json(l["layer"], "study"),
               mapping::mapping_from_json(l["mapping"], "study"));
    opt.tell(b.points[i], t.feasible ? search::Observation::success(std::log(t.objective))
                                     : search::Observation::failure());
  }
}

// Replays a study's model trials through the optimiser, batch by batch: with the same seed
// it then proposes exactly what an uninterrupted run would. Returns the last batch if a
// kill cut it short (some slots not evaluated).
std::optional<Batch> replay(const std::vector<store::Trial>& done, search::Optimizer& opt,
                            const search::HwSpace& space, search::WarmStarts& warm,
                            std::int64_t& batches, const std::string& study_file) {
  std::map<std::int64_t, std::vector<const store::Trial*>> by_batch;
  for (const store::Trial& t : done) {
    const auto& p = t.params["proposal"];
    if (!p.is_object() || !p.contains("batch"))
      throw util::ConfigError(study_file + ": trial " + std::to_string(t.id) +
                              " has no proposal record; the study was written by another version");
    by_batch[p["batch"].get<std::int64_t>()].push_back(&t);
  }
  std::optional<Batch> cut;
  for (const auto& [index, trials] : by_batch) {
    if (cut || index != batches)
      throw util::ConfigError(study_file + ": batch " + std::to_string(index) +
                              " does not follow its predecessors; the study is damaged");
    Batch b;
    b.index = batches++;
    b.points = opt.ask(trials.front()->params["proposal"]["size"].get<std::size_t>());
    b.trials.resize(b.points.size());
    for (const store::Trial* t : trials) {
      const auto slot = t->params["proposal"]["slot"].get<std::size_t>();
      if (slot >= b.points.size() || b.trials[slot] ||
          arch::to_json(space.decode(b.points[slot])) != t->params["hw"])
        throw util::ConfigError(study_file + ": trial " + std::to_string(t->id) +
                                " does not replay; the study was written by another version");
      b.trials[slot] = *t;
    }
    if (trials.size() < b.points.size())
      cut = std::move(b);
    else
      tell_batch(b, opt, warm);
  }
  return cut;
}

void print_confirmations(const store::StudyStore& study) {
  const auto trials = study.summaries();
  std::map<std::int64_t, double> model_edp;
  for (const auto& t : trials)
    if (t.fidelity == "model") model_edp[t.id] = t.objective;
  const store::TrialSummary* best = nullptr;
  std::size_t shown = 0;
  for (const auto& t : trials) {
    if (t.fidelity != "rtl") continue;
    if (shown++ == 0) std::printf("  RTL confirmations (every output checked bit-exact):\n");
    if (t.feasible) {
      std::printf("    trial %lld (%s): RTL EDP %.4g J·s, model %+.1f%%\n",
                  static_cast<long long>(t.parent), t.design.c_str(), t.objective,
                  100 * (model_edp[t.parent] - t.objective) / t.objective);
      if (!best || t.objective < best->objective) best = &t;
    } else {
      std::printf("    trial %lld (%s): %s: %s\n", static_cast<long long>(t.parent),
                  t.design.c_str(), t.status.c_str(), t.reason.c_str());
    }
  }
  if (best)
    std::printf(
        "  best design, RTL-confirmed EDP %.4g J·s (energy %.4g µJ, %.4g ms): trial %lld, "
        "%s\n",
        best->objective, best->energy_pj * 1e-6, best->delay_s * 1e3,
        static_cast<long long>(best->parent), best->design.c_str());
}

int run_search(const SearchOptions& o) {
  try {
    const mapping::Workload workload = importer::load_workload_file(o.workload_file);
    const search::HwSpaceSpec spec = search::load_hw_space(o.space_file);
    const arch::EnergyTable energy = arch::load_energy_table(
        o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
    // Area and power budgets, and --area, need the area model (a variant's first use
    // synthesises it).
    const bool budgets = spec.area_mm2_budget > 0 || spec.power_mw_budget > 0;
    std::unique_ptr<area::SynthesisCache> synthesis;
    std::unique_ptr<area::AreaModel> area_model;
    std::unique_ptr<area::BudgetConstraint> budget;
    search::HwConstraint area_budget;
    if (budgets || o.area || o.leakage) {
      synthesis = std::make_unique<area::SynthesisCache>();
      area_model = std::make_unique<area::AreaModel>(
          *synthesis, area::load_cell_library(area::default_cell_library_path()),
          area::load_sram_model(area::default_sram_model_path()));
      std::fprintf(stderr,
                   "codesign: area model: each new data-width/dataflow variant is synthesised "
                   "once to calibrate it (minutes, then cached)\n");
    }
    if (budgets) {
      area::Budgets b;
      if (spec.area_mm2_budget > 0) b.area_mm2 = spec.area_mm2_budget;
      if (spec.power_mw_budget > 0) b.power_mw = spec.power_mw_budget;
      budget = std::make_unique<area::BudgetConstraint>(*area_model, energy, b);
      area_budget = area::budget_predicate(*budget, b);
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

    std::vector<store::Trial> done;
    for (auto& t : study.trials())
      if (t.fidelity == "model") done.push_back(std::move(t));
    const auto layers = search::distinct_layers(workload);
    const search::MapperOptions mapper{o.mapper_algorithm, o.mapper_budget, o.seed};
    search::CodesignOptions outer;
    outer.outer = {o.algorithm, o.seed, o.warmup};
    const auto opt = search::make_outer_optimizer(space, outer);
    search::WarmStarts warm;
    std::int64_t batches = 0;
    std::optional<Batch> cut = replay(done, *opt, space, warm, batches, o.study_file);
    if (!done.empty()) std::fprintf(stderr, "codesign: resumed %zu trials\n", done.size());

    std::signal(SIGINT, on_sigint);
    const bool tty = ::isatty(STDERR_FILENO);
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    std::size_t feasible = 0, count = done.size();
    double best = 1e300;
    for (const auto& t : done) {
      feasible += t.feasible;
      if (t.feasible) best = std::min(best, t.objective);
    }
    const std::size_t resumed = count;
    while (!g_stop) {
      Batch batch;
      if (cut) {
        batch = std::move(*cut);
        cut.reset();
      } else {
        if (count >= o.budget) break;
        if (o.time_limit_s > 0 && elapsed() > o.time_limit_s) {
          std::fprintf(stderr, "%scodesign: time limit reached\n", tty ? "\n" : "");
          break;
        }
        batch.index = batches++;
        batch.points = opt->ask(std::min(o.workers, o.budget - count));
        batch.trials.resize(batch.points.size());
      }
      // Each missing slot is evaluated in its own worker process, which sees the warm starts
      // as they were at the batch's start, so results do not depend on completion order.
      // Areas are priced here, before the fork, so a variant is calibrated once.
      std::vector<std::size_t> slots;
      std::vector<util::Task> tasks;
      std::vector<double> areas(batch.points.size(), 0.0);
      for (std::size_t i = 0; i < batch.points.size(); ++i) {
        if (batch.trials[i]) continue;
        slots.push_back(i);
        if (area_model)
          areas[i] = area_model->area(space.decode(batch.points[i]).build).total_mm2();
        tasks.push_back([&, i] {
          search::HwEvaluation e =
              search::evaluate_hw(space.decode(batch.points[i]), layers, energy, mapper, &warm,
                                  o.leakage ? areas[i] : 0);
          e.area_mm2 = areas[i];
          return store::to_json(search::to_trial(e, o.algorithm)).dump();
        });
      }
      util::run_forked(tasks, o.workers, o.trial_timeout_s,
                       [&](std::size_t k, const util::TaskOutcome& outcome) {
                         const std::size_t i = slots[k];
                         store::Trial t =
                             outcome.ok
                                 ? store::trial_from_json(nlohmann::json::parse(outcome.output),
                                                          "worker answer")
                                 : search::failed_trial(space.decode(batch.points[i]), areas[i],
                                                        outcome.timed_out ? "timeout" : "failed",
                                                        outcome.reason, o.algorithm);
                         t.params["proposal"] = proposal(batch, i);
                         t.id = study.add(t);
                         batch.trials[i] = t;
                         ++count;
                         feasible += t.feasible;
                         if (t.feasible) best = std::min(best, t.objective);
                         progress(count, resumed, o.budget, best, feasible, elapsed(), tty);
                       });
      tell_batch(batch, *opt, warm);
    }
    if (tty) std::fprintf(stderr, "\n");
    if (g_stop) std::fprintf(stderr, "codesign: interrupted; %zu trials kept\n", count);

    const auto best_trial = study.best("model");
    if (!best_trial) {
      std::printf("codesign search: no feasible design in %zu trials\n", count);
      return 1;
    }
    std::printf("codesign search: %zu trials (%zu feasible) in %s\n", count, feasible,
                o.study_file.c_str());
    std::printf(
        "  best by the model (trial %lld): %s, EDP %.4g J·s, energy %.4g µJ, %llu "
        "cycles\n",
        static_cast<long long>(best_trial->id),
        best_trial->params["hw"]["name"].get<std::string>().c_str(), best_trial->objective,
        best_trial->result["energy_pj"].get<double>() * 1e-6,
        best_trial->result["cycles"].get<unsigned long long>());
    if (o.confirm > 0 && !g_stop) {
      std::vector<store::Trial> designs;
      for (const std::int64_t id : designs_to_confirm(study.summaries(), o.confirm))
        designs.push_back(*study.get(id));
      if (!designs.empty())
        std::fprintf(stderr, "codesign: confirming %zu design(s) on the RTL\n", designs.size());
      std::vector<util::Task> tasks;
      for (const store::Trial& d : designs)
        tasks.push_back([&] {
          return store::to_json(confirm_on_rtl(d, energy, o.cache_dir, o.leakage)).dump();
        });
      // No time limit here: every simulation in a confirmation has its own.
      util::run_forked(tasks, o.workers, 0, [&](std::size_t k, const util::TaskOutcome& outcome) {
        study.add(outcome.ok ? store::trial_from_json(nlohmann::json::parse(outcome.output),
                                                      "worker answer")
                             : failed_confirmation(designs[k], outcome.reason, outcome.wall_s));
      });
      print_confirmations(study);
    }
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
  cmd->add_option("--workload", o->workload_file,
                  "network (workload JSON, e.g. configs/workloads/dqn.json, or an ONNX model)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--space", o->space_file,
                  "design space and budgets (JSON, e.g. configs/spaces/edge.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--study", o->study_file, "study file (SQLite), created or resumed");
  cmd->add_flag("--resume", o->resume, "continue an existing study");
  cmd->add_flag("--area", o->area,
                "record every design's area (area model; implied by area or power budgets)");
  cmd->add_flag("--leakage", o->leakage,
                "price leakage (area x leakage power x delay) in every EDP; implies --area");
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
  cmd->add_option("--confirm", o->confirm,
                  "how many of the best designs to confirm on the RTL (0: none)")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--workers", o->workers,
                  "evaluations run at once, each in its own process (default: the cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--trial-timeout", o->trial_timeout_s,
                  "seconds before a hung evaluation is killed and recorded as failed (0: none)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o] { throw CLI::RuntimeError(run_search(*o)); });
}

}  // namespace codesign::cli
