#include "area/budget_predicate.hpp"

#include <cstdio>

namespace codesign::area {

std::function<std::string(const arch::HwConfig&)> budget_predicate(BudgetConstraint& constraint,
                                                                   const Budgets& budgets) {
  return [&constraint, budgets](const arch::HwConfig& hw) -> std::string {
    const Usage u = constraint.usage(hw);
    char buf[128];
    if (budgets.area_mm2 && u.area_mm2 > *budgets.area_mm2) {
      std::snprintf(buf, sizeof buf, "area %.3f mm2 over the budget of %.3f mm2", u.area_mm2,
                    *budgets.area_mm2);
      return buf;
    }
    if (budgets.power_mw && u.power_mw > *budgets.power_mw) {
      std::snprintf(buf, sizeof buf, "peak power %.1f mW over the budget of %.1f mW", u.power_mw,
                    *budgets.power_mw);
      return buf;
    }
    return "";
  };
}

}  // namespace codesign::area
