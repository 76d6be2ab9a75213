// How good the inner mapper's mappings are for its budget (not a test): every distinct
// layer of the shipped workloads on the shipped hardware points, mapped with budgets from
// --budgets and several seeds, compared with a reference (the best mapping any run found,
// a deep --reference-budget run included). Per budget: the EDP of a layer and of a whole
// network against the reference, how many layers are within 1% of it, the wall time of a
// layer's search and when its final best was found.
//   usage: mapper_bench [--budgets 30,100,...] [--reference-budget N] [--seeds N] [--out FILE]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "search/codesign/codesign_search.hpp"
#include "util/atomic_file.hpp"

namespace {

using namespace codesign;

struct LayerRun {
  double edp = 0;  // energy pJ x cycles of one occurrence
  double energy_pj = 0, delay_s = 0;
  double seconds = 0, seconds_to_best = 0;
  std::size_t evaluations_to_best = 0;
};

// One (hardware point, workload) pair: its distinct layers and, per budget and seed, a run
// of each; the reference per layer.
struct Case {
  std::string hw_name, workload;
  arch::HwConfig hw;
  std::vector<mapping::Layer> layers;
  std::map<std::size_t, std::vector<std::vector<LayerRun>>> runs;  // budget -> seed -> layer
  std::vector<LayerRun> reference;
};

LayerRun run(const arch::HwConfig& hw, const mapping::Layer& l, const arch::EnergyTable& energy,
             std::size_t budget, std::uint64_t seed) {
  search::MapperOptions o;
  o.budget = budget;
  o.seed = seed;
  const auto best = search::best_mapping(hw, l, energy, o);
  if (!best) throw std::runtime_error(l.name + ": no valid mapping on " + hw.name);
  const arch::Metrics& m = best->metrics;
  return {m.energy_pj * static_cast<double>(m.cycles),
          m.energy_pj,
          m.delay_s,
          best->seconds,
          best->seconds_to_best,
          best->evaluations_to_best};
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

double network_edp(const std::vector<mapping::Layer>& layers, const std::vector<LayerRun>& runs) {
  double e = 0, d = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    e += layers[i].repeat * runs[i].energy_pj;
    d += layers[i].repeat * runs[i].delay_s;
  }
  return e * d;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> budgets = {30, 100, 300, 1000, 3000, 10000};
  std::size_t reference_budget = 30000;
  int seeds = 3;
  std::string out_file;
  CLI::App app{"Mapper quality and cost against its budget"};
  app.add_option("--budgets", budgets, "budgets to measure (model evaluations per layer)")
      ->delimiter(',')
      ->check(CLI::Range(1, 10000000));
  app.add_option("--reference-budget", reference_budget, "budget of the reference runs")
      ->check(CLI::Range(1, 100000000));
  app.add_option("--seeds", seeds, "seeds per budget")->check(CLI::Range(1, 100));
  app.add_option("--out", out_file, "also write the tables (Markdown) to this file");
  CLI11_PARSE(app, argc, argv);
  std::sort(budgets.begin(), budgets.end());

  const std::string src = CODESIGN_SOURCE_DIR;
  const arch::EnergyTable energy = arch::load_energy_table(arch::default_energy_table_path());
  std::vector<Case> cases;
  for (const char* hw : {"default", "nvdla_like", "eyeriss_like"})
    for (const char* w : {"resnet50", "bert_base_seq128", "bert_base_seq512", "dqn", "mlp"}) {
      Case c;
      c.hw_name = hw;
      c.workload = w;
      c.hw = arch::load_hw_config(src + "/configs/hw/" + hw + ".json");
      c.layers = mapping::distinct_shapes(
                     mapping::load_workload(src + "/configs/workloads/" + w + ".json").layers)
                     .distinct;
      cases.push_back(c);
    }

  const auto t0 = std::chrono::steady_clock::now();
  for (Case& c : cases) {
    std::fprintf(stderr, "mapper_bench: %s on %s, %zu layers\n", c.workload.c_str(),
                 c.hw_name.c_str(), c.layers.size());
    for (const mapping::Layer& l : c.layers)
      c.reference.push_back(run(c.hw, l, energy, reference_budget, 1));
    for (std::size_t b : budgets)
      for (int s = 1; s <= seeds; ++s) {
        std::vector<LayerRun> r;
        for (std::size_t i = 0; i < c.layers.size(); ++i) {
          r.push_back(run(c.hw, c.layers[i], energy, b, static_cast<std::uint64_t>(s)));
          if (r.back().edp < c.reference[i].edp) c.reference[i] = r.back();
        }
        c.runs[b].push_back(r);
      }
  }
  const double total_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::size_t layers = 0;
  for (const Case& c : cases) layers += c.layers.size();
  std::string md =
      "| budget | layer EDP / reference: geo. mean | 90th pct. | max | layers within 1% | "
      "network EDP / reference: mean | max | search time per layer: median ms | 90th pct. ms | "
      "final best found after: median evaluations | median ms |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (std::size_t b : budgets) {
    std::vector<double> ratio, net, ms, evals, ms_best;
    for (const Case& c : cases)
      for (const auto& seed_runs : c.runs.at(b)) {
        for (std::size_t i = 0; i < c.layers.size(); ++i) {
          ratio.push_back(seed_runs[i].edp / c.reference[i].edp);
          ms.push_back(1e3 * seed_runs[i].seconds);
          ms_best.push_back(1e3 * seed_runs[i].seconds_to_best);
          evals.push_back(static_cast<double>(seed_runs[i].evaluations_to_best));
        }
        net.push_back(network_edp(c.layers, seed_runs) / network_edp(c.layers, c.reference));
      }
    double log_sum = 0;
    int within = 0;
    for (double r : ratio) {
      log_sum += std::log(r);
      within += r <= 1.01;
    }
    double net_sum = 0;
    for (double r : net) net_sum += r;
    md += "| " + std::to_string(b) + " | " + fmt("%.4f", std::exp(log_sum / ratio.size())) + " | " +
          fmt("%.4f", quantile(ratio, 0.9)) + " | " + fmt("%.3f", quantile(ratio, 1)) + " | " +
          fmt("%.1f%%", 100.0 * within / ratio.size()) + " | " + fmt("%.4f", net_sum / net.size()) +
          " | " + fmt("%.4f", quantile(net, 1)) + " | " + fmt("%.2f", quantile(ms, 0.5)) + " | " +
          fmt("%.2f", quantile(ms, 0.9)) + " | " + fmt("%.0f", quantile(evals, 0.5)) + " | " +
          fmt("%.2f", quantile(ms_best, 0.5)) + " |\n";
  }
  md += "\n" + std::to_string(layers) +
        " (hardware point, distinct layer) pairs: " + std::to_string(cases.size() / 5) +
        " hardware points × 5 workloads; " + std::to_string(seeds) +
        " seeds per budget; reference: the best of every run, a " +
        std::to_string(reference_budget) + "-evaluation run included. Wall time " +
        fmt("%.0f", total_s) + " s.\n";
  std::fputs(md.c_str(), stdout);
  if (!out_file.empty()) util::write_file_atomic(out_file, md);
  return 0;
}
