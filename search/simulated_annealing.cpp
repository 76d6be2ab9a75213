#include "search/simulated_annealing.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <stdexcept>

namespace codesign::search {
namespace {

class SimulatedAnnealing final : public Optimizer {
 public:
  SimulatedAnnealing(Space space, SaOptions options)
      : Optimizer(std::move(space)), options_(options), rng_(options.seed) {
    if (!(options_.initial_temperature > 0 && options_.cooling > 0 && options_.cooling <= 1 &&
          options_.step_scale > 0)) {
      throw std::invalid_argument("SaOptions: need temperature > 0, cooling in (0,1], step > 0");
    }
  }

 private:
  std::vector<Point> propose(std::size_t q) override {
    std::vector<Point> batch;
    const int kTries = 50;
    while (batch.size() < q) {
      bool found = false;
      for (int i = 0; current_ && i < kTries && !found; ++i) {
        Point x = space().neighbour(current_->x, rng_, options_.step_scale);
        found = space().feasible(x) && !seen(x) &&
                std::find(batch.begin(), batch.end(), x) == batch.end();
        if (found) batch.push_back(std::move(x));
      }
      // No current point yet, or a neighbourhood walled in by the known constraints.
      if (!found) batch.push_back(fresh_sample(rng_, batch));
    }
    return batch;
  }

  void observe(const Trial& trial) override {
    if (!trial.observation.feasible) return;
    if (!current_) {
      current_ = trial;
      return;
    }
    double delta = trial.observation.objective - current_->observation.objective;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (delta <= 0 || unit(rng_) < std::exp(-delta / temperature())) current_ = trial;
  }

  double temperature() const {
    double sum = 0.0, sum2 = 0.0, n = 0.0;
    for (const Trial& t : trials()) {
      if (!t.observation.feasible) continue;
      sum += t.observation.objective;
      sum2 += t.observation.objective * t.observation.objective;
      n += 1.0;
    }
    double spread = n > 1 ? std::sqrt(std::max(sum2 / n - (sum / n) * (sum / n), 0.0)) : 1.0;
    if (!(spread > 0)) spread = 1.0;
    return options_.initial_temperature * spread *
           std::pow(options_.cooling, double(trials().size()));
  }

  SaOptions options_;
  std::mt19937_64 rng_;
  std::optional<Trial> current_;
};

}  // namespace

std::unique_ptr<Optimizer> make_optimizer(Space space, SaOptions options) {
  return std::make_unique<SimulatedAnnealing>(std::move(space), options);
}

}  // namespace codesign::search
