#include "area/budgets.hpp"

#include <algorithm>
#include <limits>

#include "area/power.hpp"
#include "util/json_reader.hpp"

namespace codesign::area {

Budgets budgets_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  Budgets b;
  if (o.has("area_mm2")) b.area_mm2 = o.number("area_mm2", 1e-6, 1e6);
  if (o.has("power_mw")) b.power_mw = o.number("power_mw", 1e-6, 1e9);
  if (o.has("on_chip_bytes")) b.on_chip_bytes = o.integer("on_chip_bytes", 1, 1LL << 40);
  o.finish();
  if (!b.area_mm2 && !b.power_mw && !b.on_chip_bytes)
    throw util::ConfigError(path +
                            ": expected at least one of \"area_mm2\", \"power_mw\", "
                            "\"on_chip_bytes\"");
  return b;
}

Budgets load_budgets(const std::string& file) {
  return budgets_from_json(util::read_json_file(file), file);
}

double budget_margin(const Usage& u, const Budgets& b) {
  double m = std::numeric_limits<double>::infinity();
  if (b.area_mm2) m = std::min(m, (*b.area_mm2 - u.area_mm2) / *b.area_mm2);
  if (b.power_mw) m = std::min(m, (*b.power_mw - u.power_mw) / *b.power_mw);
  if (b.on_chip_bytes)
    m = std::min(m, static_cast<double>(*b.on_chip_bytes - u.on_chip_bytes) /
                        static_cast<double>(*b.on_chip_bytes));
  return m;
}

bool within_budget(const Usage& u, const Budgets& b) { return budget_margin(u, b) >= 0; }

BudgetConstraint::BudgetConstraint(AreaModel& area, arch::EnergyTable energy, Budgets budgets)
    : area_(area), energy_(std::move(energy)), budgets_(budgets) {}

Usage BudgetConstraint::usage(const arch::HwConfig& hw) {
  const arch::BuildConfig& b = hw.build;
  Usage u;
  u.area_mm2 = area_.area(b).total_mm2();
  u.power_mw = estimate_power(hw, u.area_mm2, energy_).peak_mw();
  u.on_chip_bytes = static_cast<std::int64_t>(b.input_entries()) * b.input_vector_bytes() +
                    static_cast<std::int64_t>(b.weight_entries()) * b.weight_vector_bytes() +
                    static_cast<std::int64_t>(b.acc_entries()) * b.acc_vector_bytes();
  return u;
}

}  // namespace codesign::area
