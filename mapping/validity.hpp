// Every constraint known before running a mapping: what the hardware is built with, tile
// sizes, array fan-out, buffer capacities (halved by double buffering), the ISA's field
// limits and the partial-sum rule (the accumulator cannot be reloaded from DRAM, so a
// reduction loop at DRAM level must run inside every output loop that has several tiles).
#pragma once

#include <string>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// Returns "" when the mapping is valid, else the first violated constraint. Allocates only
// when it returns a reason.
std::string check_mapping(const arch::BuildConfig& b, const Layer& l, const Mapping& m);
bool is_valid(const arch::BuildConfig& b, const Layer& l, const Mapping& m);
// Throws util::ConfigError "path: reason" when invalid.
void require_valid(const arch::BuildConfig& b, const Layer& l, const Mapping& m,
                   const std::string& path);

}  // namespace codesign::mapping
