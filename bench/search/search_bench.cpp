// Benchmark of the search engine: BO on standard constrained problems over many seeds, BO
// against the baselines at equal budgets, and the time of one BO step at 500 to 2000
// observations. Prints Markdown tables. Not a test: nothing here passes or fails.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "problems.hpp"
#include "search/make_optimizer.hpp"

namespace codesign::search::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Factory = std::function<std::unique_ptr<Optimizer>(const Space&, std::uint64_t seed)>;

struct Method {
  std::string name;
  Factory make;
  std::size_t batch = 1;  // points per ask, all evaluated before the next ask
};

// An optimiser from its options, with the run's seed.
Factory with_options(OptimizerOptions options) {
  return [options](const Space& s, std::uint64_t seed) {
    OptimizerOptions seeded = options;
    std::visit([seed](auto& o) { o.seed = seed; }, seeded);
    return make_optimizer(s, seeded);
  };
}

// BO with its defaults but for one part.
BoOptions bo(KernelType kernel, AcquisitionType acquisition) {
  BoOptions o;
  o.objective_model.kernel = kernel;
  o.acquisition.type = acquisition;
  return o;
}

std::vector<Method> methods() {
  const auto m52 = KernelType::kMatern52;
  const auto ei = AcquisitionType::kExpectedImprovement;
  return {
      {"BO (log EI)", with_options(BoOptions{})},
      {"BO (log EI), batches of 4", with_options(BoOptions{}), 4},
      {"BO (LCB, kappa 2)", with_options(bo(m52, AcquisitionType::kLowerConfidenceBound))},
      {"BO (log PI)", with_options(bo(m52, AcquisitionType::kProbabilityOfImprovement))},
      {"BO (log EI, Matern-3/2)", with_options(bo(KernelType::kMatern32, ei))},
      {"BO (log EI, squared exponential)", with_options(bo(KernelType::kSquaredExponential, ei))},
      {"random", with_options(RandomOptions{})},
      {"GA", with_options(GaOptions{})},
      {"SA", with_options(SaOptions{})},
  };
}

// Best feasible value after each evaluation (+inf before the first feasible one).
std::vector<double> best_so_far(Optimizer& opt, const Problem& p, std::size_t batch) {
  std::vector<double> trace;
  double best = INFINITY;
  while (trace.size() < p.budget) {
    for (const Point& x : opt.ask(std::min(batch, p.budget - trace.size()))) {
      Observation o = p.evaluate(x);
      opt.tell(x, o);
      if (o.feasible) best = std::min(best, p.shown(o.objective));
      trace.push_back(best);
    }
  }
  return trace;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  double pos = q * double(v.size() - 1);
  std::size_t i = std::size_t(pos);
  if (i + 1 >= v.size()) return v.back();
  double w = pos - double(i);
  return std::isinf(v[i]) || std::isinf(v[i + 1]) ? v[i + (w > 0.5)]
                                                  : v[i] * (1 - w) + v[i + 1] * w;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::isinf(v) ? "none" : "%.4f", v);
  return buf;
}

// All seeds of one method on one problem: traces[seed][evaluation].
std::vector<std::vector<double>> run_seeds(const Method& m, const Problem& p, int seeds,
                                           double& seconds) {
  std::vector<std::vector<double>> traces;
  auto start = Clock::now();
  for (int seed = 1; seed <= seeds; ++seed) {
    std::unique_ptr<Optimizer> opt = m.make(p.space, std::uint64_t(seed));
    traces.push_back(best_so_far(*opt, p, m.batch));
  }
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return traces;
}

std::vector<double> column(const std::vector<std::vector<double>>& traces, std::size_t at) {
  std::vector<double> c;
  for (const auto& t : traces) c.push_back(t[at - 1]);
  return c;
}

void compare(const std::string& title, const std::vector<Problem>& problems,
             const std::vector<Method>& methods, int seeds) {
  if (problems.empty()) return;
  std::printf("\n## %s: best feasible value so far, median [min, max] over %d seeds\n\n",
              title.c_str(), seeds);
  std::printf(
      "| problem | method | at 1/4 budget | at 1/2 budget | at budget | seeds on target "
      "| feasible found | wall s (all seeds) |\n|---|---|---|---|---|---|---|---|\n");
  for (const Problem& p : problems) {
    for (const Method& m : methods) {
      double seconds = 0;
      auto traces = run_seeds(m, p, seeds, seconds);
      std::string cells;
      for (std::size_t at : {p.budget / 4, p.budget / 2, p.budget}) {
        auto c = column(traces, at);
        cells += "| " + num(quantile(c, 0.5)) + " [" + num(quantile(c, 0.0)) + ", " +
                 num(quantile(c, 1.0)) + "] ";
      }
      auto last = column(traces, p.budget);
      long on_target =
          std::count_if(last.begin(), last.end(), [&](double v) { return v <= p.target; });
      long feasible =
          std::count_if(last.begin(), last.end(), [](double v) { return !std::isinf(v); });
      std::printf("| %s, %zu evals, target %s | %s %s| %ld/%d | %ld/%d | %.1f |\n", p.name.c_str(),
                  p.budget, num(p.target).c_str(), m.name.c_str(), cells.c_str(), on_target, seeds,
                  feasible, seeds, seconds);
    }
  }
}

// BO seeing the space's plain encoding against BO seeing derived features.
std::vector<Method> feature_methods() {
  auto bo = [](FeatureMap features) {
    return [features](const Space& s, std::uint64_t seed) {
      BoOptions o;
      o.seed = seed;
      o.features = features;
      return make_optimizer(s, o);
    };
  };
  return {{"BO on the encoding (log2 rows, log2 cols, log bytes, depth, one-hot)", bo(nullptr)},
          {"BO on features (log2 PEs, log2 bytes per PE, depth, one-hot)",
           bo(product_structure_features)}};
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Process CPU seconds: the cost on one core, whatever else shares the machine.
double cpu_seconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

struct StepTime {
  double cpu, wall;
};

// One BO step: ask(1), evaluate, tell; the evaluation's own time is left out.
StepTime step(Optimizer& bo, const Problem& p) {
  const double cpu0 = cpu_seconds();
  const auto wall0 = Clock::now();
  Point x = bo.ask(1).front();
  StepTime t{cpu_seconds() - cpu0, seconds_since(wall0)};
  Observation o = p.evaluate(x);
  const double cpu1 = cpu_seconds();
  const auto wall1 = Clock::now();
  bo.tell(x, o);
  t.cpu += cpu_seconds() - cpu1;
  t.wall += seconds_since(wall1);
  return t;
}

// The cost of BO steps once `n` observations (random feasible points) are told: "cold" is
// the first step, the first model fit (as when a study is resumed); "warm" are the `warm`
// steps after it, each seeded with the previous step's models, as in a running study.
// Medians over `repeats` seeds; the worst warm step is the worst over all seeds. The best
// feasible values before and after the BO steps show whether the models still guide.
void time_steps(const Problem& p, std::size_t n, int repeats, int warm) {
  std::vector<double> cold_cpu, cold_wall, warm_cpu, warm_wall, before, after;
  double worst_cpu = 0, worst_wall = 0;
  auto best = [&](const Optimizer& opt) {
    return opt.best() ? p.shown(opt.best()->observation.objective) : INFINITY;
  };
  for (int r = 0; r < repeats; ++r) {
    BoOptions o;
    o.seed = std::uint64_t(r + 1);
    o.warmup = n;
    std::unique_ptr<Optimizer> opt = make_optimizer(p.space, o);
    Optimizer& bo = *opt;
    while (bo.trials().size() < n) {
      Point x = bo.ask(1).front();
      bo.tell(x, p.evaluate(x));
    }
    before.push_back(best(bo));
    StepTime cold = step(bo, p);
    cold_cpu.push_back(cold.cpu);
    cold_wall.push_back(cold.wall);
    std::vector<double> cpu, wall;
    for (int i = 0; i < warm; ++i) {
      StepTime t = step(bo, p);
      cpu.push_back(t.cpu);
      wall.push_back(t.wall);
      worst_cpu = std::max(worst_cpu, t.cpu);
      worst_wall = std::max(worst_wall, t.wall);
    }
    warm_cpu.push_back(quantile(cpu, 0.5));
    warm_wall.push_back(quantile(wall, 0.5));
    after.push_back(best(bo));
  }
  std::printf("| %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s |\n", p.name.c_str(),
              n, quantile(cold_cpu, 0.5), quantile(cold_wall, 0.5), quantile(warm_cpu, 0.5),
              quantile(warm_wall, 0.5), worst_cpu, worst_wall, num(quantile(before, 0.5)).c_str(),
              num(quantile(after, 0.5)).c_str());
  std::fflush(stdout);
}

void time_steps(const std::vector<Problem>& problems, int repeats, int warm) {
  std::printf(
      "\n## One BO step (ask(1) + tell, evaluation excluded), seconds: median over %d seeds; "
      "warm: median of %d steps per seed, worst: the slowest of all warm steps\n\n"
      "| problem | observations | cold CPU | cold wall | warm CPU | warm wall | worst warm CPU "
      "| worst warm wall | best of the random points | best after the BO steps |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n",
      repeats, warm);
  for (const Problem& p : problems) {
    for (std::size_t n : {500, 1000, 2000}) time_steps(p, n, repeats, warm);
  }
}

int run(int argc, char** argv) {
  int seeds = 10, repeats = 5, warm = 10;
  bool timing = true, comparison = true;
  std::string only;  // run only the problems whose name contains this
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--seeds" && i + 1 < argc) {
      seeds = std::stoi(argv[++i]);
    } else if (arg == "--repeats" && i + 1 < argc) {
      repeats = std::stoi(argv[++i]);
    } else if (arg == "--warm-steps" && i + 1 < argc) {
      warm = std::stoi(argv[++i]);
    } else if (arg == "--no-timing") {
      timing = false;
    } else if (arg == "--no-comparison") {
      comparison = false;
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else {
      throw std::invalid_argument(
          "usage: search_bench [--seeds N] [--only NAME_PART] [--no-timing] [--no-comparison] "
          "[--repeats N] [--warm-steps N]");
    }
  }
  if (seeds < 1 || repeats < 1 || warm < 1) {
    throw std::invalid_argument("--seeds, --repeats, --warm-steps: need at least 1");
  }
  std::vector<Problem> problems{
      constrained_branin(),   labels_only(constrained_branin()), gardner(),
      labels_only(gardner()), constrained_hartmann6(),           pressure_vessel()};
  auto selected = [&](std::vector<Problem> list) {
    list.erase(
        std::remove_if(list.begin(), list.end(),
                       [&](const Problem& p) { return p.name.find(only) == std::string::npos; }),
        list.end());
    return list;
  };
  if (comparison) {
    compare("Standard problems", selected(problems), methods(), seeds);
    compare("Feature map against plain encoding", selected({product_structure()}),
            feature_methods(), seeds);
  }
  if (timing) time_steps(selected({constrained_hartmann6(), pressure_vessel()}), repeats, warm);
  return 0;
}

}  // namespace
}  // namespace codesign::search::bench

int main(int argc, char** argv) {
  try {
    return codesign::search::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_bench: %s\n", e.what());
    return 1;
  }
}
