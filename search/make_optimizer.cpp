#include "search/make_optimizer.hpp"

#include <stdexcept>

#include "search/bayesian_optimizer.hpp"
#include "search/genetic_algorithm.hpp"
#include "search/random_search.hpp"
#include "search/simulated_annealing.hpp"

namespace codesign::search {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"bo", "random", "ga", "sa"};
  return names;
}

std::unique_ptr<Optimizer> make_optimizer(Space space, const OptimizerChoice& c) {
  if (c.algorithm == "bo") {
    BoOptions o;
    o.seed = c.seed;
    o.warmup = c.warmup;
    return std::make_unique<BayesianOptimizer>(std::move(space), o);
  }
  if (c.algorithm == "random") return std::make_unique<RandomSearch>(std::move(space), c.seed);
  if (c.algorithm == "ga") {
    GaOptions o;
    o.seed = c.seed;
    return std::make_unique<GeneticAlgorithm>(std::move(space), o);
  }
  if (c.algorithm == "sa") {
    SaOptions o;
    o.seed = c.seed;
    return std::make_unique<SimulatedAnnealing>(std::move(space), o);
  }
  throw std::invalid_argument("unknown algorithm \"" + c.algorithm +
                              "\": expected one of bo, random, ga, sa");
}

}  // namespace codesign::search
