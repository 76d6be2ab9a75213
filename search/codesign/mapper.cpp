#include "search/codesign/mapper.hpp"

#include <cmath>

#include "mapping/encoding.hpp"
#include "mapping/model.hpp"
#include "mapping/validity.hpp"
#include "search/minimize.hpp"
#include "util/json_reader.hpp"

namespace codesign::search {

namespace {

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
  // live in best_mapping).
  s.constrain([&enc](const Point& x) { return enc.valid(x); });
  s.with_sampler([&enc](std::mt19937_64& rng) { return enc.sample(rng); });
  return s;
}

}  // namespace

double layer_objective(const arch::Metrics& m) {
  return std::log(m.energy_pj * static_cast<double>(m.cycles));
}

std::optional<LayerMapping> best_mapping(const arch::HwConfig& hw, const mapping::Layer& layer,
                                         const arch::EnergyTable& energy,
                                         const MapperOptions& options,
                                         const std::vector<mapping::Mapping>& warm_starts,
                                         double leakage_area_mm2) {
  const mapping::Mapspace mapspace(hw.build, layer);
  {
    // A layer without any valid mapping here makes the hardware point infeasible.
    std::mt19937_64 probe(options.seed);
    try {
      mapspace.sample(probe);
    } catch (const util::ConfigError&) {
      return std::nullopt;
    }
  }
  const mapping::MappingEncoding enc(mapspace);
  const mapping::LayerModel model(hw, layer);
  OptimizerChoice choice;
  choice.algorithm = options.algorithm;
  choice.seed = options.seed;
  choice.warmup = std::min<std::size_t>(10, options.budget);
  const std::unique_ptr<Optimizer> opt = make_optimizer(mapping_space(enc), choice);

  std::optional<LayerMapping> best;
  std::size_t evaluations = 0;
  auto evaluate = [&](const Point& x) {
    const mapping::Mapping m = enc.decode(x);
    LayerMapping r{m, model.evaluate(m), {}, 0};
    r.metrics = arch::metrics_of(r.counts, hw, energy, leakage_area_mm2);
    ++evaluations;
    if (!best || layer_objective(r.metrics) < layer_objective(best->metrics)) best = r;
    return Observation::success(layer_objective(r.metrics));
  };
  for (const mapping::Mapping& m : warm_starts) {
    if (evaluations < options.budget && mapping::is_valid(hw.build, layer, m)) {
      const Point x = enc.encode(m);
      opt->tell(x, evaluate(x));
    }
  }
  StopRule rest;
  rest.budget = options.budget - evaluations;
  minimize(*opt, evaluate, rest);
  best->evaluations = evaluations;
  return best;
}

}  // namespace codesign::search
