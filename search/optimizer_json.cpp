#include "search/optimizer_json.hpp"

#include "search/genetic_algorithm.hpp"
#include "search/random_search.hpp"
#include "search/simulated_annealing.hpp"

namespace codesign::search {
namespace {

constexpr std::int64_t kMaxSeed = std::int64_t(1) << 53;
constexpr std::int64_t kMaxCount = 1000000;

std::unique_ptr<Optimizer> bayesian(util::JsonObject& o, Space space, std::uint64_t seed,
                                    FeatureMap features) {
  BoOptions b;
  b.seed = seed;
  b.features = std::move(features);
  b.warmup = std::size_t(o.integer_or("warmup", std::int64_t(b.warmup), 1, kMaxCount));
  b.acquisition.type = o.choice_or("acquisition", "log_ei", {"log_ei", "lcb"}) == "lcb"
                           ? AcquisitionType::kLowerConfidenceBound
                           : AcquisitionType::kExpectedImprovement;
  b.acquisition.kappa = o.number_or("kappa", b.acquisition.kappa, 0.0, 100.0);
  b.candidates.samples =
      std::size_t(o.integer_or("candidates", std::int64_t(b.candidates.samples), 1, kMaxCount));
  b.candidates.local_moves = std::size_t(
      o.integer_or("local_moves", std::int64_t(b.candidates.local_moves), 0, kMaxCount));
  o.finish();
  return std::make_unique<BayesianOptimizer>(std::move(space), b);
}

std::unique_ptr<Optimizer> genetic(util::JsonObject& o, Space space, std::uint64_t seed) {
  GaOptions g;
  g.seed = seed;
  g.population = std::size_t(o.integer_or("population", std::int64_t(g.population), 2, kMaxCount));
  g.tournament = std::size_t(o.integer_or("tournament", std::int64_t(g.tournament), 1, kMaxCount));
  g.crossover_rate = o.number_or("crossover_rate", g.crossover_rate, 0.0, 1.0);
  g.mutation_rate = o.number_or("mutation_rate", g.mutation_rate, 0.0, 1.0);
  g.mutation_scale = o.number_or("mutation_scale", g.mutation_scale, 1e-9, 10.0);
  o.finish();
  return std::make_unique<GeneticAlgorithm>(std::move(space), g);
}

std::unique_ptr<Optimizer> annealing(util::JsonObject& o, Space space, std::uint64_t seed) {
  SaOptions a;
  a.seed = seed;
  a.initial_temperature = o.number_or("initial_temperature", a.initial_temperature, 1e-9, 1e9);
  a.cooling = o.number_or("cooling", a.cooling, 1e-9, 1.0);
  a.step_scale = o.number_or("step_scale", a.step_scale, 1e-9, 10.0);
  o.finish();
  return std::make_unique<SimulatedAnnealing>(std::move(space), a);
}

}  // namespace

std::unique_ptr<Optimizer> optimizer_from_json(util::JsonObject& object, Space space,
                                               FeatureMap features) {
  const std::string method =
      object.choice("method", {"bayesian", "random", "genetic", "annealing"});
  const auto seed = std::uint64_t(object.integer_or("seed", 1, 0, kMaxSeed));
  if (method == "bayesian") return bayesian(object, std::move(space), seed, std::move(features));
  if (method == "genetic") return genetic(object, std::move(space), seed);
  if (method == "annealing") return annealing(object, std::move(space), seed);
  object.finish();
  return std::make_unique<RandomSearch>(std::move(space), seed);
}

}  // namespace codesign::search
