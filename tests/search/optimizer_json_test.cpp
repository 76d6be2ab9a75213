#include "search/optimizer_json.hpp"

#include <gtest/gtest.h>

namespace codesign::search {
namespace {

OptimizerOptions read(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  util::JsonObject object(j, "study.json");
  return optimizer_options_from_json(object);
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const util::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(OptimizerJson, ReadsEveryMethodWithItsSettings) {
  const BoOptions bo = std::get<BoOptions>(
      read(R"({"method": "bayesian", "seed": 4, "warmup": 3, "kernel": "matern32",
               "mean": "constant", "mean_value": -1.5, "acquisition": "lcb", "kappa": 1,
               "candidates": 50, "local_moves": 0})"));
  EXPECT_EQ(bo.seed, 4u);
  EXPECT_EQ(bo.warmup, 3u);
  EXPECT_EQ(bo.objective_model.kernel, KernelType::kMatern32);
  EXPECT_EQ(bo.objective_model.mean.type, MeanType::kConstant);
  EXPECT_EQ(bo.objective_model.mean.constant, -1.5);
  EXPECT_EQ(bo.acquisition.type, AcquisitionType::kLowerConfidenceBound);
  EXPECT_EQ(bo.acquisition.kappa, 1.0);
  EXPECT_EQ(bo.candidates.samples, 50u);
  EXPECT_EQ(bo.candidates.local_moves, 0u);

  const BoOptions defaults = std::get<BoOptions>(read(R"({"method": "bayesian"})"));
  EXPECT_EQ(defaults.objective_model.kernel, KernelType::kMatern52);
  EXPECT_EQ(defaults.objective_model.mean.type, MeanType::kData);
  EXPECT_EQ(defaults.acquisition.type, AcquisitionType::kExpectedImprovement);
  EXPECT_EQ(
      std::get<BoOptions>(read(R"({"method": "bayesian", "acquisition": "pi"})")).acquisition.type,
      AcquisitionType::kProbabilityOfImprovement);

  EXPECT_EQ(std::get<RandomOptions>(read(R"({"method": "random", "seed": 7})")).seed, 7u);
  EXPECT_EQ(std::get<GaOptions>(read(R"({"method": "genetic", "population": 4})")).population, 4u);
  EXPECT_EQ(std::get<SaOptions>(read(R"({"method": "annealing", "cooling": 0.9})")).cooling, 0.9);
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
  EXPECT_NE(error_of(R"({"method": "bayesian", "acquisition": "ucb"})").find("acquisition"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "bayesian", "kernel": "linear"})").find("study.json: kernel"),
            std::string::npos);
  // kappa belongs to the confidence bound, mean_value to a constant mean.
  EXPECT_NE(error_of(R"({"method": "bayesian", "kappa": 1})").find("kappa: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "bayesian", "mean_value": 1})").find("mean_value: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"method": "bayesian", "mean": "constant"})").find("mean_value"),
            std::string::npos);
}

}  // namespace
}  // namespace codesign::search
