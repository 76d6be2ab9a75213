#include "search/make_optimizer.hpp"

#include <stdexcept>

#include "search/optimizer_json.hpp"

namespace codesign::search {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"bo", "random", "ga", "sa"};
  return names;
}

std::unique_ptr<Optimizer> make_optimizer(Space space, const OptimizerChoice& c,
                                          FeatureMap features) {
  // Short command-line names for optimizer_from_json's methods.
  const char* methods[] = {"bayesian", "random", "genetic", "annealing"};
  const auto& names = optimizer_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] != c.algorithm) continue;
    nlohmann::json j = {{"method", methods[i]}, {"seed", c.seed}};
    if (c.algorithm == "bo") j["warmup"] = c.warmup;
    util::JsonObject o(j, "optimizer");
    return optimizer_from_json(o, std::move(space), std::move(features));
  }
  throw std::invalid_argument("unknown algorithm \"" + c.algorithm +
                              "\": expected one of bo, random, ga, sa");
}

}  // namespace codesign::search
