#include "search/codesign/codesign_search.hpp"

#include <chrono>
#include <cmath>
#include <set>

#include "arch/network_metrics.hpp"
#include "mapping/mapspace.hpp"

namespace codesign::search {

namespace {

constexpr std::size_t kWarmStartsPerLayer = 3;

}  // namespace

std::vector<mapping::Mapping> WarmStarts::of(const mapping::Layer& l) const {
  const auto it = best_.find(mapping::shape_key(l));
  return it == best_.end() ? std::vector<mapping::Mapping>{} : it->second;
}

void WarmStarts::add(const mapping::Layer& l, const mapping::Mapping& m) {
  auto& v = best_[mapping::shape_key(l)];
  v.insert(v.begin(), m);  // most recent first
  if (v.size() > kWarmStartsPerLayer) v.pop_back();
}

void WarmStarts::add_point(const std::vector<std::pair<mapping::Layer, mapping::Mapping>>& layers) {
  std::set<std::string> seen;
  for (const auto& [l, m] : layers)
    if (seen.insert(mapping::shape_key(l)).second) add(l, m);
}

HwEvaluation evaluate_hw(const arch::HwConfig& hw, const std::vector<mapping::Layer>& layers,
                         const arch::EnergyTable& energy, const MapperOptions& mapper,
                         WarmStarts* warm, double leakage_area_mm2) {
  const auto t0 = std::chrono::steady_clock::now();
  HwEvaluation e;
  e.hw = hw;
  e.feasible = true;
  const mapping::Shapes shapes = mapping::distinct_shapes(layers);
  std::vector<LayerMapping> found;  // per distinct shape
  arch::NetworkMetrics network;     // every occurrence of each shape counted
  for (const mapping::Layer& l : shapes.distinct) {
    auto best =
        best_mapping(hw, l, energy, mapper, warm ? warm->of(l) : std::vector<mapping::Mapping>{},
                     leakage_area_mm2);
    if (!best) {
      e.feasible = false;
      e.reason = "layer " + l.name +
                 " has no valid mapping: " + mapping::Mapspace(hw.build, l).unmappable_reason();
      break;
    }
    e.model_evaluations += best->evaluations;
    network.add(best->metrics, l.repeat);
    if (warm) warm->add(l, best->mapping);
    found.push_back(std::move(*best));
  }
  const arch::Metrics total = network.total();
  e.energy_pj = total.energy_pj;
  e.delay_s = total.delay_s;
  e.cycles = total.cycles;
  if (e.feasible) e.edp_js = total.edp_js;
  // Every layer whose shape was mapped (all of them unless infeasible), in workload order.
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (shapes.of_layer[i] < found.size())
      e.layers.push_back({layers[i], found[shapes.of_layer[i]]});
  e.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return e;
}

double hw_objective(const HwEvaluation& e) { return std::log(e.edp_js); }

std::unique_ptr<Optimizer> make_outer_optimizer(const HwSpace& space,
                                                const CodesignOptions& options) {
  FeatureMap features;
  if (options.domain_features) features = [&space](const Point& x) { return space.features(x); };
  return make_optimizer(space.space(), options.outer, features);
}

HwEvaluation remap(const HwEvaluation& e, const arch::EnergyTable& energy,
                   const MapperOptions& mapper) {
  WarmStarts warm;
  std::vector<mapping::Layer> layers;
  for (const LayerResult& l : e.layers) {
    warm.add(l.layer, l.best.mapping);
    layers.push_back(l.layer);
  }
  return evaluate_hw(e.hw, layers, energy, mapper, &warm);
}

}  // namespace codesign::search
