#include "search/genetic_algorithm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace codesign::search {
namespace {

// Sort key of a trial: feasible ones by objective; infeasible ones by total violation when
// margins were reported, then those with nothing measured.
std::pair<int, double> rank_key(const Observation& o) {
  if (o.feasible) return {0, o.objective};
  if (!o.constraints.empty()) {
    double violation = 0.0;
    for (double m : o.constraints) violation += std::max(m, 0.0);
    return {1, violation};
  }
  return {2, std::isfinite(o.objective) ? o.objective : std::numeric_limits<double>::infinity()};
}

class GeneticAlgorithm final : public Optimizer {
 public:
  explicit GeneticAlgorithm(Space space, GaOptions options);

 private:
  std::vector<Point> propose(std::size_t q) override;

  std::vector<const Trial*> parents() const;
  const Trial& select(const std::vector<const Trial*>& parents);
  Point child(const std::vector<const Trial*>& parents);

  GaOptions options_;
  std::mt19937_64 rng_;
};

}  // namespace

GeneticAlgorithm::GeneticAlgorithm(Space space, GaOptions options)
    : Optimizer(std::move(space)), options_(options), rng_(options.seed) {
  if (options_.population < 2 || options_.tournament < 1) {
    throw std::invalid_argument("GaOptions: need population >= 2 and tournament >= 1");
  }
}

std::vector<const Trial*> GeneticAlgorithm::parents() const {
  std::vector<const Trial*> ranked;
  for (const Trial& t : trials()) ranked.push_back(&t);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Trial* a, const Trial* b) {
    return rank_key(a->observation) < rank_key(b->observation);
  });
  ranked.resize(std::min(ranked.size(), options_.population));
  return ranked;
}

const Trial& GeneticAlgorithm::select(const std::vector<const Trial*>& parents) {
  // Parents are ranked best first, so the lowest index drawn wins the tournament.
  std::uniform_int_distribution<std::size_t> pick(0, parents.size() - 1);
  std::size_t winner = pick(rng_);
  for (std::size_t i = 1; i < options_.tournament; ++i) winner = std::min(winner, pick(rng_));
  return *parents[winner];
}

Point GeneticAlgorithm::child(const std::vector<const Trial*>& parents) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Point x = select(parents).x;
  if (unit(rng_) < options_.crossover_rate) {
    const Point& other = select(parents).x;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (unit(rng_) < 0.5) x[i] = other[i];
    }
  }
  if (unit(rng_) < options_.mutation_rate) x = space().neighbour(x, rng_, options_.mutation_scale);
  return x;
}

std::vector<Point> GeneticAlgorithm::propose(std::size_t q) {
  std::vector<Point> batch;
  if (trials().size() < options_.population) {
    while (batch.size() < q) batch.push_back(fresh_sample(rng_, batch));
    return batch;
  }
  const std::vector<const Trial*> pool = parents();
  const int kTries = 50;
  while (batch.size() < q) {
    Point x;
    bool found = false;
    for (int i = 0; i < kTries && !found; ++i) {
      x = child(pool);
      found = space().feasible(x) && !seen(x) &&
              std::find(batch.begin(), batch.end(), x) == batch.end();
    }
    batch.push_back(found ? x : fresh_sample(rng_, batch));
  }
  return batch;
}

std::unique_ptr<Optimizer> make_optimizer(Space space, GaOptions options) {
  return std::make_unique<GeneticAlgorithm>(std::move(space), options);
}

}  // namespace codesign::search
