#include "study/study.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "executor/job_dir.hpp"
#include "search/codesign/trial_record.hpp"
#include "store/trial_json.hpp"
#include "study/jobs.hpp"
#include "study/rtl_trial.hpp"
#include "study/study_file.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::study {

const char* to_string(Fidelity f) { return f == Fidelity::kRtl ? "rtl" : "model"; }

nlohmann::json study_identity(const StudySpec& s, const search::HwSpaceSpec& space) {
  nlohmann::json id = {{"workload", mapping::to_json(s.workload)},
                       {"space", search::to_json(space)},
                       {"algorithm", s.outer.algorithm},
                       {"seed", s.outer.seed},
                       {"warmup", s.outer.warmup},
                       {"mapper_algorithm", s.mapper.algorithm},
                       {"mapper_budget", s.mapper.budget},
                       {"leakage", s.leakage}};
  // Model studies keep the identity they always had, so that they can still be resumed.
  if (s.fidelity != Fidelity::kModel) id["fidelity"] = to_string(s.fidelity);
  if (!s.domain_features) id["domain_features"] = false;
  return id;
}

namespace {

using Clock = std::chrono::steady_clock;

// Who waits for a job's end: the callback runs in the driver when the job ends.
using OnEnd = std::function<void(const executor::JobEnd&)>;

nlohmann::json placement(const std::string& job, const executor::JobEnd& end) {
  return {{"job", job},
          {"executor", end.where.executor},
          {"host", end.where.host},
          {"job_id", end.where.job_id},
          {"wall_s", end.where.wall_s},
          {"started", end.where.started},
          {"collected", end.collected}};
}

// A failed job's trial status: "timeout" when it overran its limit, else "failed".
std::string failure_status(const executor::JobEnd& end) {
  return end.kind == executor::EndKind::timed_out ? "timeout" : "failed";
}

std::string failure_reason(const executor::JobEnd& end) {
  return std::string("job ") + executor::to_string(end.kind) +
         (end.reason.empty() ? "" : ": " + end.reason);
}

}  // namespace

struct Study::Impl {
  // One trial of a batch, from its proposal to its stored record(s).
  struct Slot {
    std::int64_t id = 0;  // the trial's id: its proposal number
    search::Point point;
    arch::HwConfig hw;
    double area_mm2 = 0;
    std::optional<store::Trial> model;  // once stored
    std::optional<store::Trial> rtl;    // at RTL fidelity, once stored
    // The RTL stage in flight.
    RtlPlan plan;
    std::vector<SimulateOutcome> outcomes;
    std::size_t simulations_left = 0;
    std::string failed_status, failed_reason;
    nlohmann::json ran = nlohmann::json::array();
    Clock::time_point rtl_start;
  };
  struct Batch {
    std::int64_t index = 0;
    std::vector<Slot> slots;
  };

  StudySpec spec;
  const search::HwSpace& space;
  store::StudyStore& store;
  Environment env;
  arch::EnergyTable energy;
  std::vector<mapping::Layer> layers;  // the workload's (each shape searched once)
  std::unique_ptr<search::Optimizer> opt;
  search::WarmStarts warm;
  std::int64_t batches = 0, proposals = 0;
  std::optional<Batch> cut;  // a batch that a stop or a kill cut short
  std::size_t complete = 0, feasible = 0, resumed = 0;
  double best = 0;
  std::map<std::string, OnEnd> waiting;  // job directory → its callback
  RunSummary summary;

  Impl(StudySpec s, const search::HwSpace& sp, store::StudyStore& st, Environment e)
      : spec(std::move(s)), space(sp), store(st), env(std::move(e)) {
    if (!env.executor) throw std::invalid_argument("study: no executor");
    energy = arch::energy_table_from_json(spec.energy, "energy table");
    layers = spec.workload.layers;
    const auto stored = store.meta("identity");
    if (!stored)
      throw util::ConfigError(store.path() +
                              ": has no search settings (another program wrote it, or its "
                              "creation was cut short); start a new study");
    const std::string diff =
        identity_difference(nlohmann::json::parse(*stored), study_identity(spec, space.spec()));
    if (!diff.empty())
      throw util::ConfigError(store.path() +
                              ": resumed with different inputs than the study was started "
                              "with: " +
                              diff + "; resume with the same inputs, or start a new study");
    search::CodesignOptions outer;
    outer.outer = spec.outer;
    outer.domain_features = spec.domain_features;
    opt = search::make_outer_optimizer(space, outer);
    replay();
  }

  bool rtl_fidelity() const { return spec.fidelity == Fidelity::kRtl; }

  // A slot is complete when its trial is stored whole: at RTL fidelity a feasible model
  // trial also needs its RTL trial.
  bool is_complete(const Slot& s) const {
    return s.model && (!rtl_fidelity() || !s.model->feasible || s.rtl);
  }

  // The record the optimiser learns from.
  const store::Trial& scored(const Slot& s) const {
    return rtl_fidelity() && s.model->feasible ? *s.rtl : *s.model;
  }

  void count(const Slot& s) {
    ++complete;
    const store::Trial& t = scored(s);
    if (!t.feasible) return;
    ++feasible;
    if (best == 0 || t.objective < best) best = t.objective;
  }

  Batch new_batch(std::size_t size) {
    Batch b;
    b.index = batches++;
    for (const search::Point& x : opt->ask(size)) {
      Slot s;
      s.id = proposals++;
      s.point = x;
      s.hw = space.decode(x);
      b.slots.push_back(std::move(s));
    }
    return b;
  }

  // Tells the optimiser a finished batch in trial-id order and keeps its mappings as warm
  // starts of later inner searches.
  void tell(const Batch& b) {
    for (const Slot& s : b.slots) {
      std::vector<std::pair<mapping::Layer, mapping::Mapping>> mapped;
      for (const auto& l : s.model->params["layers"])
        mapped.emplace_back(mapping::layer_from_json(l["layer"], "study"),
                            mapping::mapping_from_json(l["mapping"], "study"));
      warm.add_point(mapped);
      const store::Trial& t = scored(s);
      opt->tell(s.point, t.feasible ? search::Observation::success(std::log(t.objective))
                                    : search::Observation::failure());
    }
  }

  // Replays the stored trials batch by batch through the optimiser: with the same seed it
  // then proposes exactly what an uninterrupted run would.
  void replay() {
    std::map<std::int64_t, std::vector<store::Trial>> by_batch;
    std::map<std::int64_t, store::Trial> rtl_of;  // model trial id → its RTL trial
    for (store::Trial& t : store.trials()) {
      if (t.fidelity == "rtl") {
        rtl_of[t.parent] = std::move(t);
        continue;
      }
      const auto& p = t.params["proposal"];
      if (!p.is_object() || !p.contains("batch"))
        throw util::ConfigError(store.path() + ": trial " + std::to_string(t.id) +
                                " has no proposal record; the study was written by another "
                                "version");
      by_batch[p["batch"].get<std::int64_t>()].push_back(std::move(t));
    }
    for (auto& [index, trials] : by_batch) {
      if (cut || index != batches)
        throw util::ConfigError(store.path() + ": batch " + std::to_string(index) +
                                " does not follow its predecessors; the study is damaged");
      Batch b = new_batch(trials.front().params["proposal"]["size"].get<std::size_t>());
      for (store::Trial& t : trials) {
        const auto slot = t.params["proposal"]["slot"].get<std::size_t>();
        if (slot >= b.slots.size() || b.slots[slot].model ||
            arch::to_json(b.slots[slot].hw) != t.params["hw"])
          throw util::ConfigError(store.path() + ": trial " + std::to_string(t.id) +
                                  " does not replay; the study was written by another version");
        Slot& s = b.slots[slot];
        s.area_mm2 = t.area_mm2;
        if (const auto r = rtl_of.find(t.id); r != rtl_of.end()) s.rtl = std::move(r->second);
        s.model = std::move(t);
      }
      bool whole = true;
      for (const Slot& s : b.slots) {
        if (is_complete(s))
          count(s);
        else
          whole = false;
      }
      if (whole)
        tell(b);
      else
        cut = std::move(b);
    }
    resumed = complete;
  }

  std::string job_path(const std::string& name) const { return env.job_dir + "/" + name; }

  // Writes a job's directory, or checks that one left by an earlier run holds the same job
  // (a directory of another study must not be mistaken for this one's).
  void prepare(const std::string& dir, const nlohmann::json& job) const {
    if (::access(executor::job_file(dir).c_str(), F_OK) == 0) {
      if (executor::read_job(dir) != job)
        throw util::ConfigError(dir + ": holds another job; the job directory belongs to " +
                                "another study (pass another --job-dir)");
      return;
    }
    executor::write_job(dir, job);
  }

  void submit(const std::vector<std::pair<std::string, OnEnd>>& jobs) {
    std::vector<std::string> dirs;
    for (const auto& [dir, on_end] : jobs) {
      waiting[dir] = on_end;
      dirs.push_back(dir);
    }
    if (!dirs.empty()) env.executor->submit(dirs);
  }

  // Dispatches job ends until nothing waits; false when stopped (by the flag or the
  // deadline), with every outstanding job cancelled and nothing more stored.
  bool drive(const std::atomic<bool>& stop, std::optional<Clock::time_point> deadline) {
    while (!waiting.empty()) {
      const bool over = deadline && Clock::now() > *deadline;
      const int signal = util::pending_interrupt();
      if (stop || over || signal) {
        // Nothing of the study may keep running: its trials would be stored by no one.
        env.executor->cancel();
        while (env.executor->outstanding() > 0) env.executor->wait(0.1);
        waiting.clear();
        if (signal) throw util::Interrupted(signal);
        (over ? summary.timed_out : summary.interrupted) = true;
        return false;
      }
      for (const executor::JobEnd& end : env.executor->wait(0.2)) {
        const auto it = waiting.find(end.dir);
        if (it == waiting.end()) continue;
        const OnEnd on_end = std::move(it->second);
        waiting.erase(it);
        if (end.collected) ++summary.collected;
        on_end(end);
      }
    }
    return true;
  }

  std::string trial_dir(const Slot& s) const { return job_path("t" + std::to_string(s.id)); }

  // Starts the RTL stage of a design: one simulation per distinct (shape, mapping) under
  // `dir`; `done(slot)` runs once the RTL trial is stored.
  void start_rtl(Slot& s, const std::string& dir, const std::function<void(Slot&)>& done) {
    s.plan = plan_rtl(*s.model, env.cache_dir, env.simulate_timeout_s);
    s.outcomes.assign(s.plan.jobs.size(), {});
    s.simulations_left = s.plan.jobs.size();
    s.rtl_start = Clock::now();
    std::vector<std::pair<std::string, OnEnd>> jobs;
    for (std::size_t k = 0; k < s.plan.jobs.size(); ++k) {
      const std::string job_dir = dir + "/sim-" + std::to_string(k);
      prepare(job_dir, to_json(s.plan.jobs[k]));
      jobs.emplace_back(job_dir, [this, &s, k, job_dir, done](const executor::JobEnd& end) {
        s.ran.push_back(placement("sim-" + std::to_string(k), end));
        if (end.kind == executor::EndKind::done) {
          s.outcomes[k] = simulate_outcome_from_json(executor::read_result(job_dir)->output,
                                                     executor::result_file(job_dir));
          if (!end.collected) {
            ++summary.simulations;
            summary.cache_hits += s.outcomes[k].build_cached;
          }
        } else if (s.failed_status.empty()) {
          s.failed_status = failure_status(end);
          s.failed_reason = s.plan.jobs[k].layer.name + ": " + failure_reason(end);
        }
        if (--s.simulations_left > 0) return;
        const double wall = std::chrono::duration<double>(Clock::now() - s.rtl_start).count();
        store::Trial t = s.failed_status.empty()
                             ? rtl_trial(*s.model, s.plan, s.outcomes, energy, spec.leakage, wall)
                             : failed_rtl_trial(*s.model, s.failed_status, s.failed_reason, wall);
        t.result["ran"] = s.ran;
        t.id = store.add(t);
        s.rtl = std::move(t);
        done(s);
      });
    }
    // The first simulation builds the trial's simulator; the others would only wait for that
    // build, each holding a slot that another trial could use, so they go out once it ends.
    if (jobs.empty()) return;
    auto rest =
        std::make_shared<std::vector<std::pair<std::string, OnEnd>>>(jobs.begin() + 1, jobs.end());
    jobs.resize(1);
    jobs[0].second = [this, rest, first = std::move(jobs[0].second)](const executor::JobEnd& end) {
      submit(*rest);
      first(end);
    };
    submit(jobs);
  }

  void finished(Slot& s, const std::function<void(const Progress&)>& progress, std::size_t budget,
                Clock::time_point t0) {
    count(s);
    if (progress)
      progress({complete, resumed, budget, feasible, best,
                std::chrono::duration<double>(Clock::now() - t0).count()});
  }

  // Submits what a batch still needs and drives it to its end; false when stopped.
  bool run_batch(Batch& b, const std::atomic<bool>& stop, std::optional<Clock::time_point> deadline,
                 const std::function<void(const Progress&)>& progress, std::size_t budget,
                 Clock::time_point t0) {
    std::vector<std::pair<std::string, OnEnd>> jobs;
    std::vector<search::Point> pending;
    const auto on_complete = [&, budget, t0](Slot& s) { finished(s, progress, budget, t0); };
    for (std::size_t i = 0; i < b.slots.size(); ++i) {
      Slot& s = b.slots[i];
      if (is_complete(s)) continue;
      if (s.model) {  // a model trial stored before a stop: its RTL stage remains
        start_rtl(s, trial_dir(s), on_complete);
        continue;
      }
      if (env.area_of) s.area_mm2 = env.area_of(s.hw);
      MapJob job;
      job.hw = s.hw;
      job.layers = layers;
      job.energy = spec.energy;
      job.mapper = spec.mapper;
      for (const mapping::Layer& l : layers) job.warm.push_back(warm.of(l));
      job.area_mm2 = s.area_mm2;
      job.leakage = spec.leakage;
      job.algorithm = spec.outer.algorithm;
      const std::string dir = trial_dir(s) + "/map";
      prepare(dir, to_json(job));
      const nlohmann::json proposal = {
          {"batch", b.index}, {"size", b.slots.size()}, {"slot", i}, {"trial", s.id}};
      jobs.emplace_back(dir, [&, dir, proposal, on_complete](const executor::JobEnd& end) {
        store::Trial t = end.kind == executor::EndKind::done
                             ? store::trial_from_json(executor::read_result(dir)->output,
                                                      executor::result_file(dir))
                             : search::failed_trial(s.hw, s.area_mm2, failure_status(end),
                                                    failure_reason(end), spec.outer.algorithm);
        t.params["proposal"] = proposal;
        t.result["ran"] = nlohmann::json::array({placement("map", end)});
        t.id = store.add(t);
        s.model = std::move(t);
        if (rtl_fidelity() && s.model->feasible)
          start_rtl(s, trial_dir(s), on_complete);
        else
          on_complete(s);
      });
    }
    submit(jobs);
    return drive(stop, deadline);
  }

  RunSummary run(std::size_t budget, std::size_t batch, double time_limit_s,
                 const std::atomic<bool>& stop,
                 const std::function<void(const Progress&)>& progress) {
    if (batch == 0) throw std::invalid_argument("study: batch must be at least 1");
    summary = {};
    const auto t0 = Clock::now();
    std::optional<Clock::time_point> deadline;
    if (time_limit_s > 0)
      deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(time_limit_s));
    while (!stop) {
      Batch b;
      if (cut) {
        b = std::move(*cut);
        cut.reset();
      } else {
        if (complete >= budget) break;
        if (deadline && Clock::now() > *deadline) {
          summary.timed_out = true;
          break;
        }
        b = new_batch(std::min(batch, budget - complete));
      }
      if (!run_batch(b, stop, deadline, progress, budget, t0)) {
        cut = std::move(b);  // continued by a later run() or a resumed study
        break;
      }
      tell(b);
    }
    if (stop) summary.interrupted = true;
    summary.trials = complete;
    summary.feasible = feasible;
    summary.resumed = resumed;
    return summary;
  }

  RunSummary confirm(std::size_t count, double time_limit_s, const std::atomic<bool>& stop) {
    summary = {};
    std::optional<Clock::time_point> deadline;
    if (time_limit_s > 0)
      deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(time_limit_s));
    std::vector<Slot> designs;
    for (const std::int64_t id : designs_to_confirm(store.summaries(), count)) {
      Slot s;
      s.id = id;
      s.model = store.get(id);
      designs.push_back(std::move(s));
    }
    for (Slot& s : designs) start_rtl(s, job_path("confirm-" + std::to_string(s.id)), [](Slot&) {});
    drive(stop, deadline);
    summary.trials = designs.size();
    return summary;
  }
};

Study::Study(StudySpec spec, const search::HwSpace& space, store::StudyStore& store,
             Environment env)
    : impl_(std::make_unique<Impl>(std::move(spec), space, store, std::move(env))) {}

Study::~Study() = default;

RunSummary Study::run(std::size_t budget, std::size_t batch, double time_limit_s,
                      const std::atomic<bool>& stop,
                      const std::function<void(const Progress&)>& progress) {
  return impl_->run(budget, batch, time_limit_s, stop, progress);
}

RunSummary Study::confirm(std::size_t count, double time_limit_s, const std::atomic<bool>& stop) {
  return impl_->confirm(count, time_limit_s, stop);
}

}  // namespace codesign::study
