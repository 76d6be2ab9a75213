// Benchmark of the nested co-design search (not a test), with the analytical model:
//  1. best EDP vs hardware evaluations for BO, random search, a genetic algorithm and
//     simulated annealing (same inner mapper, same budgets), several seeds: median, spread;
//  2. the co-designed EDP against hand-designed NVDLA-like and Eyeriss-like accelerators,
//     each given its best mapping per layer by the same mapper, the co-design restricted to
//     no more area than the baseline (area/'s synthesis-calibrated model, same data width);
//     EDPs without and with leakage (leakage power x the area x the delay).
//  3. on the RTL, the baseline and BO's median co-designed design (--no-rtl skips it).
//   usage: codesign_bench [--seeds N] [--budget N] [--out-dir DIR] [--no-rtl]
// Writes DIR/RESULTS.md (tables), DIR/curves.csv and one SVG plot per workload.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <optional>

#include "area/budget_predicate.hpp"
#include "executor/in_process_executor.hpp"
#include "report/svg_plot.hpp"
#include "search/codesign/codesign_search.hpp"
#include "store/study_store.hpp"
#include "study/jobs.hpp"
#include "study/study.hpp"
#include "study/study_file.hpp"
#include "tb/network_on_rtl.hpp"
#include "util/json_reader.hpp"

namespace {

using namespace codesign;

struct Baseline {
  std::string name, file;
};

// The co-design space against a baseline: its data width and memory system, any shape,
// buffers and dataflows, within the baseline's area.
search::HwSpaceSpec space_under(const arch::HwConfig& b, double area_mm2) {
  search::HwSpaceSpec s;
  s.name = "under-" + b.name;
  s.rows = {4, 32};
  s.cols = {4, 32};
  s.input_kib = s.weight_kib = s.accumulator_kib = {4, 512};
  s.data_width = b.build.data_width;
  s.acc_width = b.build.acc_width;
  s.banks = 2;
  s.run = b.run;
  s.area_mm2_budget = area_mm2;
  return s;
}

// A final design: EDP without and with leakage, and its area.
struct Scored {
  double edp_js = 0, edp_leak_js = 0, area_mm2 = 0;
  search::HwEvaluation design;
};

Scored score(const search::HwEvaluation& e, area::AreaModel& area,
             const arch::EnergyTable& energy) {
  const double a = area.area(e.hw.build).total_mm2();
  const double leak_pj = arch::leakage_pj(energy, a, e.delay_s);
  return {e.edp_js, (e.energy_pj + leak_pj) * 1e-12 * e.delay_s, a, e};
}

// A design's EDP on the RTL: every distinct layer simulated once with its mapping (repeats
// counted in the sum), every output checked; nullopt (reported) if any layer fails.
std::optional<double> rtl_edp(const search::HwEvaluation& e, const arch::EnergyTable& energy,
                              const systemc::BuildCache& cache) {
  std::vector<tb::MappedLayer> runs;
  for (const search::LayerResult& l : e.layers) runs.push_back({l.layer, l.best.mapping, 1});
  tb::MappedRunOptions options;
  options.run.timeout_s = 3600;  // a whole ResNet-50 in one simulator process
  const tb::NetworkOnRtl n = tb::run_network_on_rtl(e.hw, runs, cache, energy, 0, options);
  if (!n.ok()) {
    std::fprintf(stderr, "RTL run of %s failed: %s: %s\n", e.hw.name.c_str(), n.status.c_str(),
                 n.reason.c_str());
    return std::nullopt;
  }
  return n.edp_js();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty()      ? 0
         : v.size() % 2 ? v[v.size() / 2]
                        : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3e", v);
  return buf;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string vs_baseline(double edp, double baseline) {
  const int pct = static_cast<int>(std::round(100 * (1 - edp / baseline)));
  return pct >= 0 ? std::to_string(pct) + "% lower" : std::to_string(-pct) + "% higher";
}

// Best feasible EDP after each evaluation (+inf before the first feasible one).
// One co-design study (study::Study, the driver `codesign search` runs) of one algorithm
// and seed, one point per batch, its jobs run in this process; its trials in proposal order
// as evaluations: the hardware, the mappings and, when feasible, the network's figures.
std::vector<search::HwEvaluation> run_study(const search::HwSpace& space,
                                            const study::StudySpec& spec, std::size_t budget,
                                            const std::string& scratch) {
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  const auto store =
      study::open_study(scratch + "/study.db", false, study::study_identity(spec, space.spec()));
  executor::InProcessExecutor in_process(study::run_job);
  study::Environment env;
  env.executor = &in_process;
  env.job_dir = scratch + "/jobs";
  const std::atomic<bool> no_stop{false};
  study::Study(spec, space, *store, env).run(budget, 1, 0, no_stop);
  std::map<std::int64_t, search::HwEvaluation> by_trial;
  for (const store::Trial& t : store->trials()) {
    search::HwEvaluation e;
    e.hw = arch::hw_config_from_json(t.params["hw"], "study");
    e.feasible = t.feasible;
    e.edp_js = t.objective;
    e.energy_pj = t.energy_pj;
    e.delay_s = t.delay_s;
    for (const auto& l : t.params["layers"])
      e.layers.push_back({mapping::layer_from_json(l["layer"], "study"),
                          {mapping::mapping_from_json(l["mapping"], "study"), {}, {}, 0}});
    by_trial[t.params["proposal"]["trial"].get<std::int64_t>()] = std::move(e);
  }
  std::filesystem::remove_all(scratch);
  std::vector<search::HwEvaluation> trials;
  for (auto& [id, e] : by_trial) trials.push_back(std::move(e));
  return trials;
}

std::vector<double> best_so_far(const std::vector<search::HwEvaluation>& trials) {
  std::vector<double> out;
  double best = std::numeric_limits<double>::infinity();
  for (const auto& t : trials) {
    if (t.feasible) best = std::min(best, t.edp_js);
    out.push_back(best);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int seeds = 5;
  std::size_t budget = 100;
  std::string out_dir = "bench/codesign";
  bool rtl = true;
  std::vector<std::string> workloads = {"dqn", "resnet50"};
  CLI::App app{"Co-design benchmark: BO, random, GA, SA and hand-designed baselines"};
  app.add_option("--seeds", seeds, "seeds per algorithm")->check(CLI::Range(1, 100));
  app.add_option("--budget", budget, "hardware evaluations per run")->check(CLI::Range(10, 100000));
  app.add_option("--out-dir", out_dir, "where RESULTS.md, curves.csv and the plots go");
  app.add_flag("--rtl,!--no-rtl", rtl, "re-measure the headline on the RTL (default: on)");
  app.add_option("--workload", workloads, "workloads to run (default: dqn and resnet50)")
      ->check(CLI::IsMember({"dqn", "resnet50"}));
  CLI11_PARSE(app, argc, argv);
  const std::string src = CODESIGN_SOURCE_DIR;
  const arch::EnergyTable energy = arch::load_energy_table(arch::default_energy_table_path());
  const nlohmann::json energy_json = util::read_json_file(arch::default_energy_table_path());
  // "bo-raw": BO whose surrogate sees the raw parameters instead of domain-aware features.
  const std::vector<std::string> algorithms = {"bo", "bo-raw", "random", "ga", "sa"};
  const std::vector<Baseline> baselines = {{"nvdla-like", src + "/configs/hw/nvdla_like.json"},
                                           {"eyeriss-like", src + "/configs/hw/eyeriss_like.json"}};
  search::MapperOptions mapper;  // the inner search every algorithm and baseline shares
  search::MapperOptions final_mapper = mapper;
  // Baselines and final designs: a deeper mapping search (final designs start from their own
  // best mappings, so re-mapping never worsens them).
  final_mapper.budget = 1000;
  // The area model: a data-width/dataflow variant's first use synthesises it (cached).
  const area::SynthesisCache synthesis;
  const systemc::BuildCache rtl_cache;  // simulators for the RTL runs of the headline
  area::AreaModel area_model(synthesis, area::load_cell_library(area::default_cell_library_path()),
                             area::load_sram_model(area::default_sram_model_path()));

  std::string workload_flags;
  for (const std::string& w : workloads) workload_flags += " --workload " + w;
  std::string md =
      "# Co-design benchmark\n\n"
      "Produced by `build/release/bench/codesign_bench --seeds " +
      std::to_string(seeds) + " --budget " + std::to_string(budget) + workload_flags +
      "` (Release, on the shared 2-core VM). Every design is scored by the calibrated "
      "analytical model (`mapping/`, within 3% of the RTL: bench/agreement/RESULTS.md); all "
      "algorithms share the inner mapper (300 model evaluations per distinct layer: earlier "
      "points' best mappings and the canonical mappings first, then local moves from the best, "
      "every fourth evaluation a random valid mapping). Baselines get 1000 evaluations per layer, "
      "and so do final designs, re-mapped from their own best mappings. The co-design is "
      "limited to no more area than each baseline (area/'s model, calibrated by Yosys "
      "synthesis of the RTL with NanGate45 cells and an SRAM capacity model; within 2.6% of "
      "whole-accelerator synthesis, bench/area/RESULTS.md), at the baseline's data width, "
      "with any array shape, buffer sizes and dataflows. The search minimises EDP without "
      "leakage; the last column adds leakage (20 mW/mm² x area x delay) to both sides. "
      "`bo-raw` is BO whose surrogate sees raw parameters instead of domain-aware "
      "features.\n\n"
      "What this shows and does not: both sides are priced by the same energy table and "
      "area model, so the ratios are like for like; absolute figures are 45 nm estimates. "
      "At equal area the co-design trades the baselines' large buffers for more PEs (the "
      "space allows up to 32x32), which the baselines' fixed shapes cannot. Scores are the "
      "analytical model's; under each comparison, \"On the RTL\" re-measures the baseline "
      "and BO's median design by cycle-accurate simulation.\n\n";
  std::ofstream csv(out_dir + "/curves.csv");
  csv << "workload,baseline,algorithm,seed,evaluation,best_edp_js\n";
  const auto t_start = std::chrono::steady_clock::now();

  for (const std::string& wname : workloads) {
    const mapping::Workload w =
        mapping::load_workload(src + "/configs/workloads/" + wname + ".json");
    const auto& layers = w.layers;
    md += "## " + wname + " (" + std::to_string(w.layers.size()) + " layers, " +
          std::to_string(mapping::distinct_shapes(layers).distinct.size()) +
          " distinct shapes)\n\n";
    for (const Baseline& base : baselines) {
      const arch::HwConfig bhw = arch::load_hw_config(base.file);
      const search::HwEvaluation be = search::evaluate_hw(bhw, layers, energy, final_mapper);
      const Scored bs = score(be, area_model, energy);
      area::Budgets budgets;
      budgets.area_mm2 = bs.area_mm2;
      area::BudgetConstraint constraint(area_model, energy, budgets);
      const search::HwSpace space(space_under(bhw, bs.area_mm2),
                                  area::budget_predicate(constraint, budgets));
      // Only the 8-bit (NVDLA-like) space gets the full algorithm comparison.
      const bool compare = base.name == "nvdla-like";
      std::map<std::string, std::vector<std::vector<double>>> curves;
      std::map<std::string, std::vector<Scored>> finals;
      for (const std::string& alg : compare ? algorithms : std::vector<std::string>{"bo"}) {
        for (int seed = 1; seed <= seeds; ++seed) {
          study::StudySpec spec;
          spec.workload = w;
          spec.energy = energy_json;
          spec.outer.algorithm = alg == "bo-raw" ? "bo" : alg;
          spec.domain_features = alg != "bo-raw";
          spec.outer.seed = static_cast<std::uint64_t>(seed);
          spec.mapper = mapper;
          spec.mapper.seed = static_cast<std::uint64_t>(seed);
          const auto trials = run_study(space, spec, budget, out_dir + "/scratch-study");
          const auto curve = best_so_far(trials);
          for (std::size_t i = 0; i < curve.size(); ++i)
            csv << wname << "," << base.name << "," << alg << "," << seed << "," << i + 1 << ","
                << curve[i] << "\n";
          curves[alg].push_back(curve);
          // Re-map the best design with the baselines' deeper mapping search.
          const auto best = std::min_element(trials.begin(), trials.end(), [](auto& a, auto& b) {
            return (a.feasible ? a.edp_js : 1e300) < (b.feasible ? b.edp_js : 1e300);
          });
          finals[alg].push_back(
              score(search::remap(*best, energy, final_mapper), area_model, energy));
          std::fprintf(stderr, "%s %s %s seed %d: best %.3e, %.3f mm2 (%s)\n", wname.c_str(),
                       base.name.c_str(), alg.c_str(), seed, finals[alg].back().edp_js,
                       finals[alg].back().area_mm2, best->hw.name.c_str());
        }
      }
      md += "### Against " + base.name + " (" + std::to_string(bhw.build.rows) + "x" +
            std::to_string(bhw.build.cols) + ", " + std::to_string(bhw.build.data_width) +
            "-bit, " + fixed(bs.area_mm2) + " mm²; co-design limited to <= " + fixed(bs.area_mm2) +
            " mm²)\n\n";
      md += "Baseline (best mapping per layer, " + std::to_string(final_mapper.budget) +
            " model evaluations per layer): EDP " + sci(be.edp_js) + " J·s, with leakage " +
            sci(bs.edp_leak_js) + " J·s\n\n";
      md += "| algorithm | best EDP after 10 | after " + std::to_string(budget / 2) + " | after " +
            std::to_string(budget) + " (median, min–max over " + std::to_string(seeds) +
            " seeds) | final, re-mapped (median) | its area mm² | vs baseline | with leakage, "
            "vs baseline |\n|---|---|---|---|---|---|---|---|\n";
      search::HwEvaluation bo_median;
      for (const auto& [alg, cs] : curves) {
        auto at = [&](std::size_t n) {
          std::vector<double> v;
          for (const auto& c : cs) v.push_back(c[std::min(n, c.size()) - 1]);
          return v;
        };
        const auto last = at(budget);
        // The median seed's final design (by EDP without leakage).
        std::vector<Scored> f = finals[alg];
        std::sort(f.begin(), f.end(), [](auto& a, auto& b) { return a.edp_js < b.edp_js; });
        const Scored& fin = f[(f.size() - 1) / 2];
        if (alg == "bo") bo_median = fin.design;
        md += "| " + alg + " | " + sci(median(at(10))) + " | " + sci(median(at(budget / 2))) +
              " | " + sci(median(last)) + " (" + sci(*std::min_element(last.begin(), last.end())) +
              "–" + sci(*std::max_element(last.begin(), last.end())) + ") | " + sci(fin.edp_js) +
              " | " + fixed(fin.area_mm2) + " | " + vs_baseline(fin.edp_js, be.edp_js) + " | " +
              sci(fin.edp_leak_js) + ", " + vs_baseline(fin.edp_leak_js, bs.edp_leak_js) + " |\n";
      }
      if (rtl) {
        std::fprintf(stderr, "%s %s: RTL runs of the baseline and BO's median design\n",
                     wname.c_str(), base.name.c_str());
        const auto base_rtl = rtl_edp(be, energy, rtl_cache);
        const auto bo_rtl = rtl_edp(bo_median, energy, rtl_cache);
        md +=
            "\nOn the RTL (every distinct layer of both designs simulated once, every output "
            "checked, repeats counted; BO's median design " +
            bo_median.hw.name + "): ";
        if (base_rtl && bo_rtl)
          md += "baseline " + sci(*base_rtl) + " J·s, co-design " + sci(*bo_rtl) + " J·s, " +
                vs_baseline(*bo_rtl, *base_rtl) +
                " (the model: " + vs_baseline(bo_median.edp_js, be.edp_js) + ")\n";
        else
          md += "a run failed (see the benchmark's log)\n";
      }
      if (compare) {
        // Evaluations BO needs to reach the best random search found in the whole budget.
        std::vector<double> reach;
        for (int s = 0; s < seeds; ++s) {
          const double target = curves["random"][s].back();
          const auto& bo = curves["bo"][s];
          std::size_t n = bo.size() + 1;
          for (std::size_t i = 0; i < bo.size(); ++i)
            if (bo[i] <= target) {
              n = i + 1;
              break;
            }
          reach.push_back(double(n));
        }
        md += "\nEvaluations BO needs to match random search's best after " +
              std::to_string(budget) + " (median over seeds; " + std::to_string(budget + 1) +
              " = not reached): " + std::to_string(int(median(reach))) +
              " (target <= " + std::to_string(budget / 5) + ")\n";
        std::vector<report::Series> series;
        for (const auto& [alg, cs] : curves) {
          report::Series se{alg, {}, {}, true};
          for (std::size_t i = 0; i < budget; ++i) {
            std::vector<double> v;
            for (const auto& c : cs) v.push_back(c[i]);
            const double m = median(v);
            if (std::isfinite(m)) {
              se.x.push_back(double(i + 1));
              se.y.push_back(m);
            }
          }
          series.push_back(se);
        }
        report::PlotOptions po{wname + ": median best EDP over " + std::to_string(seeds) + " seeds",
                               "hardware evaluations",
                               "EDP (J·s)",
                               true,
                               640,
                               400};
        po.integer_x = true;
        std::ofstream(out_dir + "/" + wname + "_best_edp.svg") << report::svg_plot(series, po);
        md += "\n![" + wname + "](" + wname + "_best_edp.svg)\n";
      }
      md += "\n";
    }
  }
  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
  char buf[200];
  std::snprintf(buf, sizeof buf, "Total benchmark time: %.0f s.\n", total);
  md += buf;
  std::ofstream(out_dir + "/RESULTS.md") << md;
  std::fputs(md.c_str(), stdout);
  return 0;
}
