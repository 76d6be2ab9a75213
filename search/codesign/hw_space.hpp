// The hardware design space of a co-design study (space.json): which hardware parameters
// are searched and over what range, which are fixed, and the budgets that every proposed
// point must meet (known constraints: a point over budget is never proposed).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "search/space.hpp"

namespace codesign::search {

struct Range {
  int min = 1, max = 1;
};

struct HwSpaceSpec {
  std::string name = "space";
  Range rows{4, 32}, cols{4, 32};
  Range input_kib{4, 256}, weight_kib{4, 256}, accumulator_kib{4, 256};  // powers of two
  std::vector<std::string> dataflows = {"os", "ws", "os+ws"};
  int data_width = 8, acc_width = 32, banks = 2;
  arch::RunConfig run;
  // Budgets; 0 means none. Area and peak power need the area model: the caller passes
  // them to HwSpace as an extra constraint (area_budget_constraint in cli/).
  double onchip_kib_budget = 0;
  int pe_budget = 0;
  double area_mm2_budget = 0;
  double power_mw_budget = 0;
};

HwSpaceSpec hw_space_from_json(const nlohmann::json& j, const std::string& path);
HwSpaceSpec load_hw_space(const std::string& file);
nlohmann::json to_json(const HwSpaceSpec& s);

// A known constraint on a hardware point beyond the spec's own (e.g. an area budget):
// returns "" when satisfied, else the reason.
using HwConstraint = std::function<std::string(const arch::HwConfig&)>;

// The search space's known-constraint predicate refers to this object: keep it alive (and
// in place) while any optimiser over space() is in use.
class HwSpace {
 public:
  explicit HwSpace(HwSpaceSpec spec, HwConstraint extra = {});
  HwSpace(const HwSpace&) = delete;
  HwSpace& operator=(const HwSpace&) = delete;

  const Space& space() const { return space_; }
  const HwSpaceSpec& spec() const { return spec_; }
  arch::HwConfig decode(const Point& x) const;
  // The point of a hardware configuration (which must lie in the space's ranges).
  Point encode(const arch::HwConfig& hw) const;
  // "" when every known constraint holds, else the first violated one.
  std::string violation(const arch::HwConfig& hw) const;
  // Domain-aware features for a surrogate (after Spotlight): the logs of rows, columns,
  // PEs, each buffer and the total buffer, and the dataflow choice one-hot.
  std::vector<double> features(const Point& x) const;

 private:
  HwSpaceSpec spec_;
  HwConstraint extra_;
  Space space_;
};

}  // namespace codesign::search
