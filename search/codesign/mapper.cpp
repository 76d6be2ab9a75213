#include "search/codesign/mapper.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "mapping/canonical_mappings.hpp"
#include "mapping/encoding.hpp"
#include "mapping/model.hpp"
#include "mapping/patch_lowering.hpp"
#include "mapping/validity.hpp"
#include "search/codesign/mapping_moves.hpp"

namespace codesign::search {

namespace {

// One evaluation in kExploreEvery is the optimiser's; the others belong to the descent.
constexpr std::size_t kExploreEvery = 4;
// A perturbation of the best point makes kMinKick to kMaxKick random moves.
constexpr int kMinKick = 2, kMaxKick = 3;
// Perturbations tried in a row before an exhausted neighbourhood gives up its turn.
constexpr int kMaxRestarts = 8;

// A mapping's rank, compared lexicographically: the objective, then energy.
using Rank = std::pair<double, double>;

Rank rank_of(const arch::Metrics& m, MapperObjective objective) {
  return {layer_objective(m, objective), m.energy_pj};
}

Space mapping_space(const mapping::MappingEncoding& enc) {
  Space s;
  for (const mapping::ParamSpec& p : enc.params()) {
    switch (p.kind) {
      case mapping::ParamKind::kCategorical: {
        std::vector<std::string> choices;
        for (int v = 0; v <= p.hi; ++v) choices.push_back(std::to_string(v));
        s.add(Parameter::categorical(p.name, choices));
        break;
      }
      case mapping::ParamKind::kInteger:
        s.add(Parameter::integer(p.name, p.lo, p.hi));
        break;
      case mapping::ParamKind::kLogInteger:
        s.add(Parameter::log_integer(p.name, p.lo, p.hi));
        break;
    }
  }
  // The closures hold the caller's encoding by reference: it outlives the optimiser (both
  // live in search_form).
  s.constrain([&enc](const Point& x) { return enc.valid(x); });
  s.with_sampler([&enc](std::mt19937_64& rng) { return enc.sample(rng); });
  return s;
}

// One form of the layer searched with `budget` evaluations: the layer itself (patch 1) or its
// patch-lowered layer `form`, whose mappings are evaluated as `layer`'s with that patch
// (model prices them as the depthwise layer's). Warm starts are of `form`. nullopt when the
// form has no valid mapping.
std::optional<LayerMapping> search_form(const arch::HwConfig& hw, const mapping::LayerModel& model,
                                        const mapping::Layer& form, int patch,
                                        const arch::EnergyTable& energy,
                                        const MapperOptions& options, std::size_t budget,
                                        const std::vector<mapping::Mapping>& warm_starts,
                                        double leakage_area_mm2) {
  const auto start = std::chrono::steady_clock::now();
  const mapping::Mapspace mapspace(hw.build, form);
  if (!mapspace.unmappable_reason().empty()) return std::nullopt;
  const mapping::MappingEncoding enc(mapspace);
  OptimizerChoice choice;
  choice.algorithm = options.algorithm;
  choice.seed = options.seed;
  choice.warmup = std::min<std::size_t>(10, budget);
  const std::unique_ptr<Optimizer> opt = make_optimizer(mapping_space(enc), choice);
  std::mt19937_64 rng(options.seed);
  std::optional<LayerMapping> best;
  std::map<Point, Rank> seen;  // every evaluated point and its rank
  std::size_t evaluations = 0;
  auto evaluate = [&](const Point& x) {
    // The search moves among the form's mappings; the model prices them with the patch.
    const mapping::Mapping m = enc.decode(x);
    mapping::Mapping priced = m;
    priced.patch = patch;
    LayerMapping r{m, model.evaluate(priced), {}};
    r.metrics = mapping::layer_metrics(r.counts, hw, energy, model.layer(), leakage_area_mm2);
    ++evaluations;
    const Rank rank = rank_of(r.metrics, options.objective);
    seen[x] = rank;
    opt->tell(x, Observation::success(rank.first));
    if (!best || rank < rank_of(best->metrics, options.objective)) {
      best = r;
      best->evaluations_to_best = evaluations;
      best->seconds_to_best =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return rank;
  };

  std::vector<mapping::Mapping> seeds = warm_starts;
  for (const mapping::Mapping& m : mapping::canonical_mappings(hw.build, form)) seeds.push_back(m);
  for (const mapping::Mapping& m : seeds) {
    if (evaluations == budget) break;
    const Point x = enc.encode(m);
    if (!seen.count(x)) evaluate(x);
  }

  // Descent: the point descended from, its rank and its neighbours not yet tried (in
  // random order, tried from the back). Started from the best seed.
  mapping::Mapping current;
  Rank current_rank{std::numeric_limits<double>::infinity(), 0};
  std::vector<mapping::Mapping> untried;
  auto descend_from = [&](const mapping::Mapping& m, const Rank& rank) {
    current = m;
    current_rank = rank;
    untried = neighbours(hw.build, form, m);
    std::shuffle(untried.begin(), untried.end(), rng);
  };
  if (best) descend_from(best->mapping, rank_of(best->metrics, options.objective));
  // The next unseen neighbour of the current point; at a local optimum, a perturbation of
  // the best point (a few random moves) becomes the current point. nullopt when the
  // neighbourhoods searched hold nothing unseen.
  auto next_local = [&]() -> std::optional<Point> {
    for (int restarts = 0; restarts <= kMaxRestarts;) {
      while (!untried.empty()) {
        Point x = enc.encode(untried.back());
        untried.pop_back();
        if (!seen.count(x)) return x;
      }
      ++restarts;
      mapping::Mapping m = best->mapping;
      const int moves = std::uniform_int_distribution<int>(kMinKick, kMaxKick)(rng);
      for (int k = 0; k < moves; ++k) {
        const std::vector<mapping::Mapping> near = neighbours(hw.build, form, m);
        if (near.empty()) break;
        m = near[std::uniform_int_distribution<std::size_t>(0, near.size() - 1)(rng)];
      }
      const Point x = enc.encode(m);
      const auto it = seen.find(x);
      if (it == seen.end()) {
        descend_from(m, Rank{std::numeric_limits<double>::infinity(), 0});
        return x;
      }
      descend_from(m, it->second);
    }
    return std::nullopt;
  };

  std::size_t step = 0;
  while (evaluations < budget) {  // `evaluate` counts them
    ++step;
    std::optional<Point> x;
    if (best && step % kExploreEvery != 0) x = next_local();
    const Point point = x ? *x : opt->ask(1).at(0);
    const Rank rank = evaluate(point);
    if (rank < current_rank) descend_from(enc.decode(point), rank);
  }
  best->mapping.patch = patch;
  best->evaluations = evaluations;
  best->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return best;
}

}  // namespace

double layer_objective(const arch::Metrics& m) {
  return std::log(m.energy_pj * static_cast<double>(m.cycles));
}

double layer_objective(const arch::Metrics& m, MapperObjective objective) {
  return objective == MapperObjective::kEdp ? layer_objective(m)
                                            : std::log(static_cast<double>(m.cycles));
}

std::optional<LayerMapping> best_mapping(const arch::HwConfig& hw, const mapping::Layer& layer,
                                         const arch::EnergyTable& energy,
                                         const MapperOptions& options,
                                         const std::vector<mapping::Mapping>& warm_starts,
                                         double leakage_area_mm2) {
  if (options.budget == 0) throw std::invalid_argument("mapper: the budget must be at least 1");
  const mapping::LayerModel model(hw, layer);
  // The forms: the layer, then a depthwise layer's patch lowerings; the budget is shared
  // evenly, the remainder going to the layer itself. Too small a budget searches the layer
  // alone.
  int forms = mapping::max_patch(hw.build, layer);
  if (options.budget < static_cast<std::size_t>(forms)) forms = 1;
  const std::size_t share = options.budget / static_cast<std::size_t>(forms);

  std::optional<LayerMapping> best;
  std::size_t evaluations = 0;
  double seconds = 0;
  for (int patch = 1; patch <= forms; ++patch) {
    std::vector<mapping::Mapping> starts;
    for (mapping::Mapping m : warm_starts)
      if (m.patch == patch && mapping::is_valid(hw.build, layer, m)) {
        m.patch = 1;
        starts.push_back(m);
      }
    const std::size_t budget = patch == 1 ? options.budget - share * (forms - 1) : share;
    const mapping::Layer form = patch == 1 ? layer : mapping::patch_lowered(layer, patch);
    std::optional<LayerMapping> r =
        search_form(hw, model, form, patch, energy, options, budget, starts, leakage_area_mm2);
    if (!r) continue;
    r->evaluations_to_best += evaluations;
    r->seconds_to_best += seconds;
    evaluations += r->evaluations;
    seconds += r->seconds;
    if (!best || rank_of(r->metrics, options.objective) < rank_of(best->metrics, options.objective))
      best = r;
  }
  if (!best) return std::nullopt;
  best->evaluations = evaluations;
  best->seconds = seconds;
  return best;
}

}  // namespace codesign::search
