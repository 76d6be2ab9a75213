#include "search/bayesian_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>

namespace codesign::search {
namespace {

class BayesianOptimizer final : public Optimizer {
 public:
  explicit BayesianOptimizer(Space space, BoOptions options);

 private:
  std::vector<Point> propose(std::size_t q) override;

  Eigen::MatrixXd features(const std::vector<Point>& points) const;
  // Fits both models to the trials; false when there is nothing to model yet.
  bool fit_models();
  // Adds the models' own predictions at x, so the next pick looks elsewhere.
  void believe(const Point& x);
  std::vector<Score> score(const std::vector<Point>& points, double best) const;
  // Indices of the trials with a measured objective, best first: feasible ones first.
  std::vector<std::size_t> ranked() const;
  std::vector<Point> centres() const;

  BoOptions options_;
  std::unique_ptr<Acquisition> acquisition_;
  std::mt19937_64 rng_;
  std::optional<GaussianProcess> objective_;
  FeasibilityModel feasibility_;
};

}  // namespace

BayesianOptimizer::BayesianOptimizer(Space space, BoOptions options)
    : Optimizer(std::move(space)),
      options_(std::move(options)),
      acquisition_(make_acquisition(options_.acquisition)),
      rng_(options_.seed),
      feasibility_(options_.label_model, options_.margin_model) {}

Eigen::MatrixXd BayesianOptimizer::features(const std::vector<Point>& points) const {
  Eigen::MatrixXd F;
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<double> f =
        options_.features ? options_.features(points[i]) : space().encode(points[i]);
    if (i == 0) F.resize(long(points.size()), long(f.size()));
    if (f.empty() || long(f.size()) != F.cols()) {
      throw std::invalid_argument(
          "the feature map must return the same, non-zero number of values for every point");
    }
    F.row(long(i)) = Eigen::Map<const Eigen::RowVectorXd>(f.data(), long(f.size()));
  }
  return F;
}

bool BayesianOptimizer::fit_models() {
  std::vector<Point> points;
  for (const Trial& t : trials()) points.push_back(t.x);
  const Eigen::MatrixXd F = features(points);
  std::vector<long> kept, measured;
  std::vector<Observation> outcomes;
  std::vector<double> objectives;
  for (std::size_t i : training_subset(F, ranked(), options_.model_data)) {
    const Observation& o = trials()[i].observation;
    kept.push_back(long(i));
    outcomes.push_back(o);
    // Infeasible points with a measured objective still teach the objective model.
    if (std::isfinite(o.objective)) {
      measured.push_back(long(i));
      objectives.push_back(o.objective);
    }
  }
  if (!measured.empty()) {
    // Trials only accumulate: once created, the model keeps data and its hyperparameters
    // warm-start the next fit.
    if (!objective_) objective_.emplace(std::size_t(F.cols()), options_.objective_model);
    objective_->fit(F(measured, Eigen::all),
                    Eigen::Map<const Eigen::VectorXd>(objectives.data(), long(objectives.size())),
                    rng_);
  }
  if (!kept.empty()) feasibility_.fit(F(kept, Eigen::all), outcomes, rng_);
  return objective_ || feasibility_.active();
}

void BayesianOptimizer::believe(const Point& x) {
  Eigen::VectorXd f = features(std::vector<Point>{x}).row(0).transpose();
  if (objective_) objective_->add(f, objective_->predict(f).mean);
  feasibility_.believe(f);
}

std::vector<Score> BayesianOptimizer::score(const std::vector<Point>& points, double best) const {
  Eigen::MatrixXd F = features(points);
  Eigen::VectorXd log_pf = feasibility_.log_probability(F);
  std::vector<Score> scores(points.size());
  if (!objective_) {
    for (std::size_t i = 0; i < points.size(); ++i) scores[i] = {0, log_pf(long(i))};
    return scores;
  }
  Eigen::VectorXd mean, variance;
  objective_->predict(F, mean, variance);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const long k = long(i);
    scores[i] = acquisition_->score(mean(k), std::sqrt(variance(k)), best, log_pf(k));
  }
  return scores;
}

std::vector<std::size_t> BayesianOptimizer::ranked() const {
  const std::vector<Trial>& all = trials();
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (std::isfinite(all[i].observation.objective)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Observation &p = all[a].observation, &q = all[b].observation;
    if (p.feasible != q.feasible) return p.feasible;
    return p.objective < q.objective;
  });
  return order;
}

std::vector<Point> BayesianOptimizer::centres() const {
  // The best feasible trials; while there is none, the best measured ones.
  const std::vector<std::size_t> order = ranked();
  std::vector<Point> points;
  for (std::size_t i = 0; i < std::min(options_.centres, order.size()); ++i) {
    points.push_back(trials()[order[i]].x);
  }
  return points;
}

std::vector<Point> BayesianOptimizer::propose(std::size_t q) {
  std::vector<Point> batch;
  if (trials().size() < options_.warmup || !fit_models()) {
    while (batch.size() < q) batch.push_back(fresh_sample(rng_, batch));
    return batch;
  }
  for (const Point& x : pending()) believe(x);
  const double best =
      this->best() ? this->best()->observation.objective : std::numeric_limits<double>::infinity();
  const std::vector<Point> around = centres();
  auto skip = [&](const Point& x) {
    return seen(x) || std::find(batch.begin(), batch.end(), x) != batch.end();
  };
  auto scorer = [&](const std::vector<Point>& points) { return score(points, best); };
  while (batch.size() < q) {
    std::optional<Point> x =
        maximize_acquisition(space(), scorer, around, skip, options_.candidates, rng_);
    batch.push_back(x ? *x : fresh_sample(rng_, batch));
    if (batch.size() < q) believe(batch.back());
  }
  return batch;
}

std::unique_ptr<Optimizer> make_optimizer(Space space, BoOptions options) {
  return std::make_unique<BayesianOptimizer>(std::move(space), std::move(options));
}

}  // namespace codesign::search
