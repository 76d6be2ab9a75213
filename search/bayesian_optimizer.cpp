#include "search/bayesian_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace codesign::search {

BayesianOptimizer::BayesianOptimizer(Space space, BoOptions options)
    : Optimizer(std::move(space)),
      options_(std::move(options)),
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
  std::vector<Point> points, measured;
  std::vector<Observation> outcomes;
  std::vector<double> objectives;
  for (const Trial& t : trials()) {
    points.push_back(t.x);
    outcomes.push_back(t.observation);
    // Infeasible points with a measured objective still teach the objective model.
    if (std::isfinite(t.observation.objective)) {
      measured.push_back(t.x);
      objectives.push_back(t.observation.objective);
    }
  }
  if (!measured.empty()) {
    Eigen::MatrixXd F = features(measured);
    // Trials only accumulate: once created, the model keeps data and its hyperparameters
    // warm-start the next fit.
    if (!objective_) objective_.emplace(std::size_t(F.cols()), options_.objective_model);
    objective_->fit(
        F, Eigen::Map<const Eigen::VectorXd>(objectives.data(), long(objectives.size())), rng_);
  }
  if (!points.empty()) feasibility_.fit(features(points), outcomes, rng_);
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
    scores[i] = options_.acquisition.score(mean(k), std::sqrt(variance(k)), best, log_pf(k));
  }
  return scores;
}

std::vector<Point> BayesianOptimizer::centres() const {
  // The best feasible trials; while there is none, the best measured ones.
  std::vector<const Trial*> ranked;
  for (const Trial& t : trials()) {
    if (std::isfinite(t.observation.objective)) ranked.push_back(&t);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Trial* a, const Trial* b) {
    if (a->observation.feasible != b->observation.feasible) return a->observation.feasible;
    return a->observation.objective < b->observation.objective;
  });
  std::vector<Point> points;
  for (std::size_t i = 0; i < std::min(options_.centres, ranked.size()); ++i) {
    points.push_back(ranked[i]->x);
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

}  // namespace codesign::search
