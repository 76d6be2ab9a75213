// Mapping benchmarks (not a test): analytical-model evaluations per second per core on
// ResNet-50 layers, constructive-sampler rate and validity, rejection-sampling validity,
// sampler uniformity, and fast-vs-program-level model agreement.
// Usage: mapping_bench [hw.json] [workload.json]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "mapping/compiler.hpp"
#include "mapping/encoding.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/model.hpp"
#include "mapping/program_model.hpp"
#include "mapping/validity.hpp"

// Counts heap allocations, to show that the model's hot path makes none. A benchmark
// executable of its own, so this global counter touches no library code.
static std::size_t g_allocations = 0;
void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace codesign;
using namespace codesign::mapping;

namespace {

// CPU time of this thread: throughput per core, robust to other processes on the machine.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double seconds_since(double t0) { return cpu_seconds() - t0; }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = CODESIGN_SOURCE_DIR;
  const arch::HwConfig hw =
      arch::load_hw_config(argc > 1 ? argv[1] : root + "/configs/hw/default.json");
  const Workload net =
      load_workload(argc > 2 ? argv[2] : root + "/configs/workloads/resnet50.json");
  const arch::EnergyTable table = arch::load_energy_table(arch::default_energy_table_path());
  std::mt19937_64 rng(1);
  constexpr int kMappings = 1000, kRuns = 7;
  constexpr std::size_t kUniformitySamples = 300;

  std::printf("hardware %s, workload %s (%zu layers)\n\n", hw.build.key().c_str(), net.name.c_str(),
              net.layers.size());
  std::printf("%-18s %12s %12s %12s %10s %12s\n", "layer", "log10 size", "sample us",
              "reject valid", "evals/s", "allocs/eval");
  double total_evals = 0, total_time = 0, total_sample_time = 0;
  std::size_t total_samples = 0, reject_valid = 0, reject_draws = 0, allocs = 0;
  std::vector<double> layer_rates;
  double net_cycles = 0, net_energy = 0;
  for (const Layer& l : net.layers) {
    const Mapspace space(hw.build, l);
    // Constructive sampler: time and validity.
    std::vector<Mapping> mappings;
    double t0 = cpu_seconds();
    for (int i = 0; i < kMappings; ++i) mappings.push_back(space.sample(rng));
    const double sample_time = seconds_since(t0);
    total_sample_time += sample_time;
    total_samples += mappings.size();
    for (const Mapping& m : mappings)
      if (!is_valid(hw.build, l, m)) std::printf("INVALID sample on %s\n", l.name.c_str());
    // Rejection sampling: fraction of uniform points that are valid.
    std::size_t valid = 0;
    for (int i = 0; i < 10 * kMappings; ++i)
      valid += is_valid(hw.build, l, space.sample_unconstrained(rng));
    reject_valid += valid;
    reject_draws += 10 * kMappings;
    // Model throughput: median of several runs over the same mappings.
    const LayerModel model(hw, l);
    std::vector<double> rates;
    std::uint64_t sink = 0;
    const std::size_t allocs_before = g_allocations;
    for (int run = 0; run < kRuns; ++run) {
      t0 = cpu_seconds();
      for (const Mapping& m : mappings) sink += model.evaluate(m).cycles;
      const double t = seconds_since(t0);
      rates.push_back(kMappings / t);
      total_time += t;
      total_evals += kMappings;
    }
    allocs += g_allocations - allocs_before;
    layer_rates.push_back(median(rates));
    // Best energy-delay product among the samples (what random search would find).
    arch::Metrics best;
    for (const Mapping& m : mappings) {
      const arch::Metrics x = arch::metrics_of(model.evaluate(m), hw, table);
      if (best.cycles == 0 || x.edp_js < best.edp_js) best = x;
    }
    net_cycles += static_cast<double>(best.cycles) * l.repeat;
    net_energy += best.energy_pj * l.repeat;
    std::printf("%-18s %12.1f %12.1f %11.3f%% %10.0f %12.2f%s\n", l.name.c_str(),
                space.log10_size(), 1e6 * sample_time / kMappings,
                100.0 * static_cast<double>(valid) / (10.0 * kMappings), median(rates),
                static_cast<double>(g_allocations - allocs_before) / (kRuns * kMappings),
                sink == 0 ? " (no cycles?)" : "");
  }
  std::printf(
      "\nmodel: median over layers %.0f evals/s, overall %.0f evals/s, %.2f allocations "
      "per evaluation\n",
      median(layer_rates), total_evals / total_time, static_cast<double>(allocs) / total_evals);
  std::printf(
      "best of %d random valid mappings per layer: %.3g cycles, %.3g uJ for the "
      "network\n",
      kMappings, net_cycles, net_energy * 1e-6);
  std::printf("constructive sampler: %.1f us per valid mapping, 100%% valid by construction\n",
              1e6 * total_sample_time / static_cast<double>(total_samples));
  std::printf("rejection sampling: %.3f%% of uniform points valid\n",
              100.0 * static_cast<double>(reject_valid) / static_cast<double>(reject_draws));

  // Pointwise layers flattened to one row of pixels (workload.hpp): best of the same number
  // of random valid mappings, original vs flattened.
  double orig_edp = 0, flat_edp = 0, orig_cycles = 0, flat_cycles = 0;
  int flattened_layers = 0;
  for (const Layer& l : net.layers) {
    const Layer f = flattened(l);
    if (f.h == l.h) continue;
    ++flattened_layers;
    for (const Layer* x : {&l, &f}) {
      const Mapspace space(hw.build, *x);
      const LayerModel model(hw, *x);
      arch::Metrics best;
      for (int i = 0; i < kMappings; ++i) {
        const arch::Metrics m = arch::metrics_of(model.evaluate(space.sample(rng)), hw, table);
        if (best.cycles == 0 || m.edp_js < best.edp_js) best = m;
      }
      (x == &l ? orig_edp : flat_edp) += best.edp_js * l.repeat;
      (x == &l ? orig_cycles : flat_cycles) += static_cast<double>(best.cycles) * l.repeat;
    }
  }
  std::printf(
      "\npointwise layers flattened (%d layers, best of %d each): cycles %.3g -> %.3g, "
      "summed EDP %.3g -> %.3g J s\n",
      flattened_layers, kMappings, orig_cycles, flat_cycles, orig_edp, flat_edp);

  // Uniformity: marginals of the constructive sampler against rejection sampling from the
  // structurally legal box (uniform over valid mappings), next to the distance between two
  // rejection sample sets of the same size (the noise floor).
  std::printf(
      "\nsampler uniformity: mean total-variation distance of marginals to rejection "
      "sampling (0 = identical), %zu samples each\n",
      kUniformitySamples);
  std::printf("%-18s %14s %14s %16s\n", "layer", "constructive", "noise floor", "box accept rate");
  for (const Layer& l : net.layers) {
    const Mapspace space(hw.build, l);
    const MappingEncoding enc(space);
    std::vector<std::vector<double>> uniform[2], constructive;
    std::size_t proposals = 0;
    for (auto& set : uniform)
      while (set.size() < kUniformitySamples) {
        const std::optional<Mapping> m = space.sample_by_rejection(rng, 1);
        ++proposals;
        if (m) set.push_back(enc.encode(*m));
        if (proposals > 2000000) break;
      }
    if (uniform[1].size() < kUniformitySamples) continue;
    for (std::size_t i = 0; i < kUniformitySamples; ++i) constructive.push_back(enc.sample(rng));
    std::printf("%-18s %14.3f %14.3f %15.2f%%\n", l.name.c_str(),
                marginal_distance(enc, constructive, uniform[0]),
                marginal_distance(enc, uniform[1], uniform[0]),
                100.0 * 2 * kUniformitySamples / static_cast<double>(proposals));
  }

  // Agreement of the fast model with the program-level model (cycles).
  std::printf(
      "\nfast vs program-level model, cycles (10 mappings per layer, layers with "
      "programs under 2M commands):\n");
  std::vector<double> errors;
  double worst = 0, busiest_total = 0;
  std::size_t steps = 0, deep_steps = 0;
  std::string worst_case;
  for (const Layer& l : net.layers) {
    const Mapspace space(hw.build, l);
    const LayerModel model(hw, l);
    for (int i = 0; i < 10; ++i) {
      const Mapping m = space.sample(rng);
      const CompiledLayer c = compile(hw.build, l, m);
      if (c.program.size() > 2000000) continue;
      // Steps whose busiest engine gets more commands than its queue holds.
      std::size_t per_engine[3] = {0, 0, 0};
      for (const arch::Command& cmd : c.program) {
        if (cmd.op != arch::Opcode::kSync) {
          ++per_engine[static_cast<int>(cmd.op) - 1];
          continue;
        }
        ++steps;
        const std::size_t most = *std::max_element(per_engine, per_engine + 3);
        deep_steps += most > static_cast<std::size_t>(arch::kCommandQueueDepth);
        busiest_total += static_cast<double>(most);
        per_engine[0] = per_engine[1] = per_engine[2] = 0;
      }
      const double fast = static_cast<double>(model.evaluate(m).cycles);
      const double exact = static_cast<double>(program_counts(hw, l, c.program).cycles);
      errors.push_back(std::abs(fast - exact) / exact);
      if (errors.back() >= worst) {
        worst = errors.back();
        worst_case = l.name + " " + to_json(m).dump() + " fast " + std::to_string(fast) +
                     " exact " + std::to_string(exact);
      }
    }
  }
  std::sort(errors.begin(), errors.end());
  std::printf("  %zu mappings: median |error| %.2f%%, 90th percentile %.2f%%, max %.2f%%\n",
              errors.size(), 100 * errors[errors.size() / 2], 100 * errors[errors.size() * 9 / 10],
              100 * errors.back());
  std::printf("  worst: %s\n", worst_case.c_str());
  std::printf(
      "compiled programs: %zu steps, busiest engine %.1f commands per step on average, "
      "%.1f%% of steps exceed the %d-deep queue\n",
      steps, busiest_total / static_cast<double>(steps),
      100.0 * static_cast<double>(deep_steps) / static_cast<double>(steps),
      arch::kCommandQueueDepth);
  return 0;
}
