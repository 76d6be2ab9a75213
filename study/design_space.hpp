// A study's hardware design space with everything its budgets need: the space's own
// constraints, and when the space has area or power budgets (or areas are asked for) the
// area model (a data-width/dataflow variant's first use synthesises it, then it is cached).
#pragma once

#include <memory>
#include <random>
#include <string>

#include "arch/energy.hpp"
#include "search/codesign/hw_space.hpp"

namespace codesign::area {
class SynthesisCache;
class AreaModel;
class BudgetConstraint;
}  // namespace codesign::area

namespace codesign::study {

class DesignSpace {
 public:
  // `with_area`: record every design's area even without area budgets. Throws
  // util::ConfigError naming `space_file` when no point of the space meets the budgets
  // (found by sampling with `seed`, before any work).
  DesignSpace(const search::HwSpaceSpec& spec, const arch::EnergyTable& energy, bool with_area,
              std::uint64_t seed, const std::string& space_file);
  ~DesignSpace();
  DesignSpace(const DesignSpace&) = delete;
  DesignSpace& operator=(const DesignSpace&) = delete;

  const search::HwSpace& space() const { return *space_; }
  bool has_area() const { return area_model_ != nullptr; }
  // The design's area in mm² (0 without an area model).
  double area_mm2(const arch::HwConfig& hw) const;

 private:
  std::unique_ptr<area::SynthesisCache> synthesis_;
  std::unique_ptr<area::AreaModel> area_model_;
  std::unique_ptr<area::BudgetConstraint> budget_;
  std::unique_ptr<search::HwSpace> space_;
};

}  // namespace codesign::study
