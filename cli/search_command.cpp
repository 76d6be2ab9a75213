#include "cli/search_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
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
#include "cli/options.hpp"
#include "cli/rtl_confirmation.hpp"
#include "importer/workload_source.hpp"
#include "mapping/workload.hpp"
#include "search/codesign/codesign_search.hpp"
#include "search/codesign/trial_record.hpp"
#include "store/study_store.hpp"
#include "store/trial_json.hpp"
#include "systemc/build_cache.hpp"
#include "util/forked_tasks.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

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
  std::vector<util::PathArg> inputs;  // as given on the command line
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

// Which of the study's inputs differ from this run's, each with its option and a short
// excerpt of both values, e.g. "--seed (3 in the study, 4 now)".
std::string identity_difference(const nlohmann::json& stored, const nlohmann::json& now) {
  static const std::pair<const char*, const char*> kInputs[] = {
      {"workload", "--workload"},
      {"space", "--space"},
      {"algorithm", "--algorithm"},
      {"seed", "--seed"},
      {"warmup", "--warmup"},
      {"mapper_algorithm", "--mapper-algorithm"},
      {"mapper_budget", "--mapper-budget"},
      {"leakage", "--leakage"}};
  auto excerpt = [](const nlohmann::json& j) {
    const std::string text = j.is_null() ? "nothing" : j.dump();
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
  };
  std::string out;
  for (const auto& [key, option] : kInputs) {
    const nlohmann::json a = stored.value(key, nlohmann::json()),
                         b = now.value(key, nlohmann::json());
    if (a == b) continue;
    std::string what = option;
    if (a.is_structured() && b.is_structured()) {
      // The first place they differ, as a JSON pointer into the input.
      const std::string at = nlohmann::json::diff(a, b).at(0)["path"].get<std::string>();
      const nlohmann::json::json_pointer ptr(at);
      what += " (at " + at + ": " + excerpt(a.contains(ptr) ? a.at(ptr) : nlohmann::json()) +
              " in the study, " + excerpt(b.contains(ptr) ? b.at(ptr) : nlohmann::json()) + " now)";
    } else {
      what += " (" + excerpt(a) + " in the study, " + excerpt(b) + " now)";
    }
    out += (out.empty() ? "" : ", ") + what;
  }
  return out;
}

// The study this run writes: created whole with its identity, or an existing one resumed
// with the same identity. Nothing is written before every check has passed.
std::unique_ptr<store::StudyStore> open_study(const SearchOptions& o,
                                              const nlohmann::json& identity) {
  using Access = store::StudyStore::Access;
  const bool exists = !util::file_kind(o.study_file).empty();
  if (!o.resume) {
    if (!exists) return store::StudyStore::create(o.study_file, {{"identity", identity.dump()}});
    const store::StudyStore existing(o.study_file, Access::kRead);  // says what else it is
    throw util::ConfigError(o.study_file + ": a study with " + std::to_string(existing.count()) +
                            " trials exists; pass --resume to continue it, or choose another "
                            "--study");
  }
  if (!exists) throw util::ConfigError(o.study_file + ": no study to resume");
  auto study = std::make_unique<store::StudyStore>(o.study_file, Access::kWrite);
  const auto stored = study->meta("identity");
  if (!stored)
    throw util::ConfigError(o.study_file +
                            ": has no search settings (another program wrote it, or its creation "
                            "was cut short); start a new study");
  const std::string diff = identity_difference(nlohmann::json::parse(*stored), identity);
  if (!diff.empty())
    throw util::ConfigError(
        o.study_file + ": resumed with different inputs than the study was started with: " + diff +
        "; resume with the same inputs, or start a new study");
  return study;
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
    std::vector<std::pair<mapping::Layer, mapping::Mapping>> mapped;
    for (const auto& l : t.params["layers"])
      mapped.emplace_back(mapping::layer_from_json(l["layer"], "study"),
                          mapping::mapping_from_json(l["mapping"], "study"));
    warm.add_point(mapped);
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

// Prints the study's RTL confirmations; returns false if any failed or mismatched.
bool print_confirmations(const store::StudyStore& study) {
  const auto trials = study.summaries();
  std::map<std::int64_t, double> model_edp;
  for (const auto& t : trials)
    if (t.fidelity == "model") model_edp[t.id] = t.objective;
  const store::TrialSummary* best = nullptr;
  std::size_t shown = 0;
  bool all_ok = true;
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
      all_ok = false;
    }
  }
  if (best)
    std::printf(
        "  best design, RTL-confirmed EDP %.4g J·s (energy %.4g µJ, %.4g ms): trial %lld, "
        "%s\n",
        best->objective, best->energy_pj * 1e-6, best->delay_s * 1e3,
        static_cast<long long>(best->parent), best->design.c_str());
  return all_ok;
}

// The confirmations of the best designs on the RTL, on the workers, within `seconds_left`
// (<= 0: no limit); each stored as it completes. Returns false if the time limit cut them
// short (what is not stored is confirmed by a later --resume).
bool confirm_best_designs(const SearchOptions& o, store::StudyStore& study,
                          const arch::EnergyTable& energy, double seconds_left) {
  std::vector<store::Trial> designs;
  for (const std::int64_t id : designs_to_confirm(study.summaries(), o.confirm))
    designs.push_back(*study.get(id));
  if (designs.empty()) return true;
  std::fprintf(stderr, "codesign: confirming %zu design(s) on the RTL\n", designs.size());
  std::vector<util::Task> tasks;
  for (const store::Trial& d : designs)
    tasks.push_back(
        [&] { return store::to_json(confirm_on_rtl(d, energy, o.cache_dir, o.leakage)).dump(); });
  std::string bad_input;
  // No per-task limit here: every simulation in a confirmation has its own.
  const bool complete = util::run_forked(
      tasks, o.workers, 0,
      [&](std::size_t k, const util::TaskOutcome& outcome) {
        if (outcome.bad_input) {
          bad_input = outcome.reason;  // not the design's fault: not recorded as its outcome
          return;
        }
        study.add(outcome.ok ? store::trial_from_json(nlohmann::json::parse(outcome.output),
                                                      "worker answer")
                             : failed_confirmation(designs[k], outcome.reason, outcome.wall_s));
      },
      seconds_left);
  if (!bad_input.empty()) throw util::ConfigError(bad_input);
  return complete;
}

ExitCode run_search(const SearchOptions& o) {
  // An existing --study that is not a study is named as what it is.
  if (!util::file_kind(o.study_file).empty())
    store::StudyStore(o.study_file, store::StudyStore::Access::kRead);
  util::check_output_paths(o.inputs, {{"--study", o.study_file}});
  // --time-limit bounds the whole command, confirmations included.
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  auto seconds_left = [&] {
    return o.time_limit_s > 0 ? std::max(o.time_limit_s - elapsed(), 1e-3) : 0.0;
  };
  auto out_of_time = [&] { return o.time_limit_s > 0 && elapsed() >= o.time_limit_s; };

  const mapping::Workload workload = importer::load_workload_file(o.workload_file);
  const search::HwSpaceSpec spec = search::load_hw_space(o.space_file);
  const arch::EnergyTable energy = arch::load_energy_table(
      o.energy_file.empty() ? arch::default_energy_table_path() : o.energy_file);
  if (o.confirm > 0) systemc::BuildCache(o.cache_dir).check_usable();
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
  const std::unique_ptr<store::StudyStore> study = open_study(o, study_identity(o, workload, spec));

  std::vector<store::Trial> done;
  for (auto& t : study->trials())
    if (t.fidelity == "model") done.push_back(std::move(t));
  const auto& layers = workload.layers;
  const search::MapperOptions mapper{o.mapper_algorithm, o.mapper_budget, o.seed};
  search::CodesignOptions outer;
  outer.outer = {o.algorithm, o.seed, o.warmup};
  const auto opt = search::make_outer_optimizer(space, outer);
  search::WarmStarts warm;
  std::int64_t batches = 0;
  std::optional<Batch> cut = replay(done, *opt, space, warm, batches, o.study_file);
  if (!done.empty()) std::fprintf(stderr, "codesign: resumed %zu trials\n", done.size());

  const bool tty = ::isatty(STDERR_FILENO);
  std::size_t feasible = 0, count = done.size();
  double best = 1e300;
  for (const auto& t : done) {
    feasible += t.feasible;
    if (t.feasible) best = std::min(best, t.objective);
  }
  const std::size_t resumed = count;
  bool timed_out = false;
  try {
    for (;;) {
      util::throw_if_interrupted();
      Batch batch;
      if (cut) {
        batch = std::move(*cut);
        cut.reset();
      } else {
        if (count >= o.budget) break;
        if (out_of_time()) {
          timed_out = true;
          break;
        }
        batch.index = batches++;
        batch.points = opt->ask(std::min(o.workers, o.budget - count));
        batch.trials.resize(batch.points.size());
      }
      // Each missing slot is evaluated in its own worker process, which sees the warm
      // starts as they were at the batch's start, so results do not depend on completion
      // order. Areas are priced here, before the fork, so a variant is calibrated once.
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
      const bool complete = util::run_forked(
          tasks, o.workers, o.trial_timeout_s,
          [&](std::size_t k, const util::TaskOutcome& outcome) {
            const std::size_t i = slots[k];
            store::Trial t =
                outcome.ok
                    ? store::trial_from_json(nlohmann::json::parse(outcome.output), "worker answer")
                    : search::failed_trial(space.decode(batch.points[i]), areas[i],
                                           outcome.timed_out ? "timeout" : "failed", outcome.reason,
                                           o.algorithm);
            t.params["proposal"] = proposal(batch, i);
            t.id = study->add(t);
            batch.trials[i] = t;
            ++count;
            feasible += t.feasible;
            if (t.feasible) best = std::min(best, t.objective);
            progress(count, resumed, o.budget, best, feasible, elapsed(), tty);
          },
          seconds_left());
      if (!complete) {  // the time limit cut the batch short: --resume completes it
        timed_out = true;
        break;
      }
      tell_batch(batch, *opt, warm);
    }
  } catch (const util::Interrupted&) {
    std::fprintf(stderr, "%scodesign: %zu trials kept in %s; --resume continues the study\n",
                 tty ? "\n" : "", count, o.study_file.c_str());
    throw;
  }
  if (tty) std::fprintf(stderr, "\n");
  if (timed_out)
    std::fprintf(stderr, "codesign: time limit reached; --resume continues the study\n");

  const auto best_trial = study->best("model");
  if (!best_trial) {
    std::printf("codesign search: no feasible design in %zu trials\n", count);
    return kFailed;
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
  if (o.confirm == 0) return kSuccess;
  if (out_of_time()) {
    std::fprintf(stderr, "codesign: no time left to confirm designs on the RTL\n");
    return kSuccess;
  }
  if (!confirm_best_designs(o, *study, energy, seconds_left()))
    std::fprintf(stderr,
                 "codesign: time limit reached during RTL confirmation; --resume confirms the "
                 "rest\n");
  return print_confirmations(*study) ? kSuccess : kFailed;
}

}  // namespace

void add_search_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Co-design search: hardware points within the space's budgets (outer search) with the "
      "best mapping of every layer (inner search) by the analytical model, minimising the "
      "network's EDP; every trial stored as it completes; the best design confirmed on the "
      "RTL. Ctrl-C stops at once and keeps every finished trial; --resume continues.");
  const CLI::Option* workload =
      cmd->add_option("--workload", o->workload_file,
                      "network (workload JSON, e.g. configs/workloads/dqn.json, or an ONNX model)")
          ->required()
          ->check(CLI::ExistingFile);
  const CLI::Option* space =
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
  cmd->add_option("--time-limit", o->time_limit_s,
                  "wall-clock limit of the whole command, RTL confirmations included (0: none)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--algorithm", o->algorithm, "outer search: bo, random, ga, sa")
      ->check(CLI::IsMember({"bo", "random", "ga", "sa"}));
  cmd->add_option("--seed", o->seed, "random seed (same seed, same trials)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
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
  const CLI::Option* energy =
      cmd->add_option("--energy", o->energy_file, "energy table (default configs/energy/45nm.json)")
          ->check(CLI::ExistingFile);
  cmd->add_option("--cache", o->cache_dir, "simulator build cache");
  cmd->callback([o, workload, space, energy, &command] {
    o->inputs = paths_given({workload, space, energy});
    command = [o] { return run_search(*o); };
  });
}

}  // namespace codesign::cli
