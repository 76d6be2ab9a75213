#include "study/design_space.hpp"

#include <cstdio>

#include "area/budget_predicate.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"
#include "util/json_reader.hpp"

namespace codesign::study {

DesignSpace::DesignSpace(const search::HwSpaceSpec& spec, const arch::EnergyTable& energy,
                         bool with_area, std::uint64_t seed, const std::string& space_file) {
  const bool budgets = spec.area_mm2_budget > 0 || spec.power_mw_budget > 0;
  search::HwConstraint area_budget;
  if (budgets || with_area) {
    synthesis_ = std::make_unique<area::SynthesisCache>();
    area_model_ = std::make_unique<area::AreaModel>(
        *synthesis_, area::load_cell_library(area::default_cell_library_path()),
        area::load_sram_model(area::default_sram_model_path()));
    std::fprintf(stderr,
                 "codesign: area model: each new data-width/dataflow variant is synthesised "
                 "once to calibrate it (minutes, then cached)\n");
  }
  if (budgets) {
    area::Budgets b;
    if (spec.area_mm2_budget > 0) b.area_mm2 = spec.area_mm2_budget;
    if (spec.power_mw_budget > 0) b.power_mw = spec.power_mw_budget;
    budget_ = std::make_unique<area::BudgetConstraint>(*area_model_, energy, b);
    area_budget = area::budget_predicate(*budget_, b);
  }
  space_ = std::make_unique<search::HwSpace>(spec, area_budget);
  // A space without a single point within budget is bad input, found before any work.
  std::mt19937_64 rng(seed);
  try {
    space_->space().sample(rng);
  } catch (const std::runtime_error&) {
    throw util::ConfigError(space_file + ": no hardware point satisfies the budgets");
  }
}

DesignSpace::~DesignSpace() = default;

double DesignSpace::area_mm2(const arch::HwConfig& hw) const {
  return area_model_ ? area_model_->area(hw.build).total_mm2() : 0;
}

}  // namespace codesign::study
