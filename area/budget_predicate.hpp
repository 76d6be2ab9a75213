// Area and peak-power budgets as a known-constraint predicate over hardware points, with
// the reason a point is over budget.
#pragma once

#include <functional>
#include <string>

#include "area/budgets.hpp"

namespace codesign::area {

// "" within every budget, else which budget is exceeded and by how much. `constraint` must
// outlive the returned function.
std::function<std::string(const arch::HwConfig&)> budget_predicate(BudgetConstraint& constraint,
                                                                   const Budgets& budgets);

}  // namespace codesign::area
