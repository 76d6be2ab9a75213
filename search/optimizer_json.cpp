#include "search/optimizer_json.hpp"

namespace codesign::search {
namespace {

constexpr std::int64_t kMaxSeed = std::int64_t(1) << 53;
constexpr std::int64_t kMaxCount = 1000000;

KernelType kernel_from_json(util::JsonObject& o) {
  const std::string k =
      o.choice_or("kernel", "matern52", {"matern52", "matern32", "squared_exponential"});
  if (k == "matern32") return KernelType::kMatern32;
  if (k == "squared_exponential") return KernelType::kSquaredExponential;
  return KernelType::kMatern52;
}

MeanOptions mean_from_json(util::JsonObject& o) {
  const std::string m = o.choice_or("mean", "data", {"data", "zero", "constant"});
  if (m == "zero") return {MeanType::kZero};
  if (m == "constant") return {MeanType::kConstant, o.number("mean_value", -1e300, 1e300)};
  return {MeanType::kData};
}

AcquisitionOptions acquisition_from_json(util::JsonObject& o) {
  AcquisitionOptions a;
  const std::string type = o.choice_or("acquisition", "log_ei", {"log_ei", "pi", "lcb"});
  if (type == "pi") a.type = AcquisitionType::kProbabilityOfImprovement;
  if (type == "lcb") {
    a.type = AcquisitionType::kLowerConfidenceBound;
    a.kappa = o.number_or("kappa", a.kappa, 0.0, 100.0);
  }
  return a;
}

BoOptions bayesian(util::JsonObject& o, std::uint64_t seed) {
  BoOptions b;
  b.seed = seed;
  b.warmup = std::size_t(o.integer_or("warmup", std::int64_t(b.warmup), 1, kMaxCount));
  b.objective_model.kernel = kernel_from_json(o);
  b.objective_model.mean = mean_from_json(o);
  b.acquisition = acquisition_from_json(o);
  b.candidates.samples =
      std::size_t(o.integer_or("candidates", std::int64_t(b.candidates.samples), 1, kMaxCount));
  b.candidates.local_moves = std::size_t(
      o.integer_or("local_moves", std::int64_t(b.candidates.local_moves), 0, kMaxCount));
  return b;
}

GaOptions genetic(util::JsonObject& o, std::uint64_t seed) {
  GaOptions g;
  g.seed = seed;
  g.population = std::size_t(o.integer_or("population", std::int64_t(g.population), 2, kMaxCount));
  g.tournament = std::size_t(o.integer_or("tournament", std::int64_t(g.tournament), 1, kMaxCount));
  g.crossover_rate = o.number_or("crossover_rate", g.crossover_rate, 0.0, 1.0);
  g.mutation_rate = o.number_or("mutation_rate", g.mutation_rate, 0.0, 1.0);
  g.mutation_scale = o.number_or("mutation_scale", g.mutation_scale, 1e-9, 10.0);
  return g;
}

SaOptions annealing(util::JsonObject& o, std::uint64_t seed) {
  SaOptions a;
  a.seed = seed;
  a.initial_temperature = o.number_or("initial_temperature", a.initial_temperature, 1e-9, 1e9);
  a.cooling = o.number_or("cooling", a.cooling, 1e-9, 1.0);
  a.step_scale = o.number_or("step_scale", a.step_scale, 1e-9, 10.0);
  return a;
}

}  // namespace

OptimizerOptions optimizer_options_from_json(util::JsonObject& object) {
  const std::string method =
      object.choice("method", {"bayesian", "random", "genetic", "annealing"});
  const auto seed = std::uint64_t(object.integer_or("seed", 1, 0, kMaxSeed));
  OptimizerOptions options = RandomOptions{seed};
  if (method == "bayesian") options = bayesian(object, seed);
  if (method == "genetic") options = genetic(object, seed);
  if (method == "annealing") options = annealing(object, seed);
  object.finish();
  return options;
}

}  // namespace codesign::search
