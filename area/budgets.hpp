// Budgets as known constraints for the search: area, peak power and on-chip memory of a
// hardware point are known before it is evaluated, so points outside the budgets are never
// proposed. Budgets are read from JSON ({"area_mm2", "power_mw", "on_chip_bytes"}, each
// optional, strictly checked).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "arch/energy.hpp"
#include "arch/hw_config.hpp"
#include "area/area_model.hpp"

namespace codesign::area {

struct Budgets {
  std::optional<double> area_mm2;
  std::optional<double> power_mw;  // peak power (area/power.hpp)
  std::optional<std::int64_t> on_chip_bytes;
};

Budgets budgets_from_json(const nlohmann::json& j, const std::string& path);
Budgets load_budgets(const std::string& file);

// What a hardware point uses of each budgeted resource.
struct Usage {
  double area_mm2 = 0;
  double power_mw = 0;
  std::int64_t on_chip_bytes = 0;  // the three buffers as built (whole vectors)
};

// The smallest relative slack over the budgets, (budget - used) / budget: >= 0 within every
// budget, < 0 outside one; +infinity with no budgets.
double budget_margin(const Usage& u, const Budgets& b);
bool within_budget(const Usage& u, const Budgets& b);

// The known-constraint predicate of a search over hardware points. `area` must outlive it;
// a variant's first point calibrates that variant (synthesis, cached), later ones take µs.
class BudgetConstraint {
 public:
  BudgetConstraint(AreaModel& area, arch::EnergyTable energy, Budgets budgets);
  Usage usage(const arch::HwConfig& hw);
  bool within_budget(const arch::HwConfig& hw) { return area::within_budget(usage(hw), budgets_); }
  double margin(const arch::HwConfig& hw) { return budget_margin(usage(hw), budgets_); }

 private:
  AreaModel& area_;
  arch::EnergyTable energy_;
  Budgets budgets_;
};

}  // namespace codesign::area
