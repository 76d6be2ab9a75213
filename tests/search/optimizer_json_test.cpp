#include "search/optimizer_json.hpp"

#include <gtest/gtest.h>

#include "search/genetic_algorithm.hpp"
#include "search/random_search.hpp"
#include "search/simulated_annealing.hpp"

namespace codesign::search {
namespace {

Space line() {
  Space s;
  s.add(Parameter::integer("x", 0, 100));
  return s;
}

std::unique_ptr<Optimizer> build(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  util::JsonObject object(j, "study.json");
  return optimizer_from_json(object, line());
}

std::string error_of(const std::string& text) {
  try {
    build(text);
  } catch (const util::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(OptimizerJson, BuildsEveryMethod) {
  EXPECT_NE(dynamic_cast<BayesianOptimizer*>(
                build(R"({"method": "bayesian", "warmup": 3, "acquisition": "lcb"})").get()),
            nullptr);
  EXPECT_NE(dynamic_cast<RandomSearch*>(build(R"({"method": "random", "seed": 7})").get()),
            nullptr);
  EXPECT_NE(
      dynamic_cast<GeneticAlgorithm*>(build(R"({"method": "genetic", "population": 4})").get()),
      nullptr);
  EXPECT_NE(
      dynamic_cast<SimulatedAnnealing*>(build(R"({"method": "annealing", "cooling": 0.9})").get()),
      nullptr);
}

TEST(OptimizerJson, SeedTakesEffect) {
  auto a = build(R"({"method": "bayesian", "seed": 5, "warmup": 2})");
  auto b = build(R"({"method": "bayesian", "seed": 5, "warmup": 2})");
  auto c = build(R"({"method": "bayesian", "seed": 6, "warmup": 2})");
  std::vector<Point> pa, pb, pc;
  for (int i = 0; i < 4; ++i) {
    for (auto [opt, out] : {std::pair{a.get(), &pa}, {b.get(), &pb}, {c.get(), &pc}}) {
      Point x = opt->ask(1).front();
      out->push_back(x);
      opt->tell(x, Observation::success((x[0] - 40) * (x[0] - 40)));
    }
  }
  EXPECT_EQ(pa, pb);
  EXPECT_NE(pa, pc);
}

TEST(OptimizerJson, ErrorsNameTheKey) {
  EXPECT_NE(error_of(R"({"method": "grid"})").find("study.json: method: expected one of"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "random", "population": 4})")
                .find("study.json: population: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "genetic", "population": 1})")
                .find("study.json: population: expected integer in [2,"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "bayesian", "acquisition": "pi"})").find("acquisition"),
            std::string::npos);
}

}  // namespace
}  // namespace codesign::search
