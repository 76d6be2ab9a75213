#include "search/make_optimizer.hpp"

#include <stdexcept>

namespace codesign::search {

std::unique_ptr<Optimizer> make_optimizer(Space space, OptimizerOptions options) {
  return std::visit([&](auto& o) { return make_optimizer(std::move(space), std::move(o)); },
                    options);
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"bo", "random", "ga", "sa"};
  return names;
}

OptimizerOptions optimizer_options(const OptimizerChoice& c, FeatureMap features) {
  if (c.algorithm == "bo") {
    BoOptions o;
    o.seed = c.seed;
    o.warmup = c.warmup;
    o.features = std::move(features);
    return o;
  }
  if (c.algorithm == "random") return RandomOptions{c.seed};
  if (c.algorithm == "ga") {
    GaOptions o;
    o.seed = c.seed;
    return o;
  }
  if (c.algorithm == "sa") {
    SaOptions o;
    o.seed = c.seed;
    return o;
  }
  throw std::invalid_argument("unknown algorithm \"" + c.algorithm +
                              "\": expected one of bo, random, ga, sa");
}

std::unique_ptr<Optimizer> make_optimizer(Space space, const OptimizerChoice& choice,
                                          FeatureMap features) {
  return make_optimizer(std::move(space), optimizer_options(choice, std::move(features)));
}

}  // namespace codesign::search
