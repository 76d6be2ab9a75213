#include "area/budgets.hpp"

#include <gtest/gtest.h>

#include <random>

#include "area/power.hpp"
#include "util/json_reader.hpp"

#include "example_coefficients.hpp"

using namespace codesign;
using namespace codesign::area;
using codesign::tests::example_coefficients;

namespace {

// A random hardware point: shape, widths, buffer sizes and banks.
arch::HwConfig random_point(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  arch::HwConfig hw;
  arch::BuildConfig& b = hw.build;
  b.rows = 1 << pick(1, 5);
  b.cols = 1 << pick(1, 5);
  b.data_width = pick(0, 1) ? 16 : 8;
  b.acc_width = 32;
  const auto buffer = [&](int vector_bytes) {
    return arch::BufferSpec{static_cast<std::uint32_t>(vector_bytes * 64 << pick(0, 6)),
                            static_cast<std::uint32_t>(1 << pick(0, 2))};
  };
  b.input = buffer(b.input_vector_bytes());
  b.weight = buffer(b.weight_vector_bytes());
  b.accumulator = buffer(b.acc_vector_bytes());
  return hw;
}

}  // namespace

TEST(Budgets, ReadStrictly) {
  const Budgets b =
      budgets_from_json({{"area_mm2", 2.5}, {"power_mw", 500}, {"on_chip_bytes", 65536}}, "b.json");
  EXPECT_DOUBLE_EQ(*b.area_mm2, 2.5);
  EXPECT_DOUBLE_EQ(*b.power_mw, 500);
  EXPECT_EQ(*b.on_chip_bytes, 65536);
  EXPECT_THROW(budgets_from_json({{"area", 2.5}}, "b.json"), util::ConfigError);
  EXPECT_THROW(budgets_from_json({{"area_mm2", -1}}, "b.json"), util::ConfigError);
  EXPECT_THROW(budgets_from_json(nlohmann::json::object(), "b.json"), util::ConfigError);
}

TEST(Budgets, ExampleFileLoads) {
  const Budgets b =
      load_budgets(std::string(CODESIGN_SOURCE_DIR) + "/configs/area/budgets_example.json");
  EXPECT_DOUBLE_EQ(*b.area_mm2, 4.0);
  EXPECT_EQ(*b.on_chip_bytes, 262144);
}

TEST(Budgets, MarginIsTheTightestRelativeSlack) {
  Budgets b;
  b.area_mm2 = 2.0;
  b.on_chip_bytes = 1000;
  Usage u{1.0, 123.0, 900};
  EXPECT_NEAR(budget_margin(u, b), 0.1, 1e-12);  // memory: (1000 - 900) / 1000
  EXPECT_TRUE(within_budget(u, b));
  u.area_mm2 = 2.2;
  EXPECT_NEAR(budget_margin(u, b), -0.1, 1e-12);
  EXPECT_FALSE(within_budget(u, b));
  EXPECT_TRUE(std::isinf(budget_margin(u, Budgets{})));
}

TEST(Budgets, PeakPowerIsLeakagePlusAFullyBusyArray) {
  const arch::EnergyTable t = arch::load_energy_table(arch::default_energy_table_path());
  arch::HwConfig hw;
  const PowerEstimate p = estimate_power(hw, 2.0, t);
  EXPECT_NEAR(p.leakage_mw, 2.0 * t.leakage_mw_per_mm2, 1e-9);
  arch::HwConfig faster = hw;
  faster.run.clock_mhz *= 2;
  EXPECT_NEAR(estimate_power(faster, 2.0, t).peak_dynamic_mw, 2 * p.peak_dynamic_mw, 1e-9);
  arch::HwConfig bigger = hw;
  bigger.build.rows *= 2;
  EXPECT_GT(estimate_power(bigger, 2.0, t).peak_dynamic_mw, p.peak_dynamic_mw);
}

// A constrained sampler over hardware points, as a search driver would run one: only points
// within budget are accepted, and the budgets do bind (some points are rejected).
TEST(Budgets, ConstrainedSamplerAcceptsOnlyPointsWithinBudget) {
  AreaModel model(example_coefficients, SramModel{});
  Budgets budgets;
  budgets.area_mm2 = 1.5;
  budgets.power_mw = 400;
  budgets.on_chip_bytes = 128 * 1024;
  BudgetConstraint constraint(model, arch::load_energy_table(arch::default_energy_table_path()),
                              budgets);
  std::mt19937 rng(7);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < 2000 && accepted < 100; ++i) {
    const arch::HwConfig hw = random_point(rng);
    if (!constraint.within_budget(hw)) {
      ++rejected;
      continue;
    }
    ++accepted;
    const Usage u = constraint.usage(hw);
    EXPECT_LE(u.area_mm2, *budgets.area_mm2);
    EXPECT_LE(u.power_mw, *budgets.power_mw);
    EXPECT_LE(u.on_chip_bytes, *budgets.on_chip_bytes);
    EXPECT_GE(constraint.margin(hw), 0);
  }
  EXPECT_EQ(accepted, 100);
  EXPECT_GT(rejected, 0);
}
