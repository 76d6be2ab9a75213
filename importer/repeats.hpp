// Identical layers (same type and shape, whatever their names) merged into one with a
// `repeat` count: the search maps a distinct layer once and counts it `repeat` times.
#pragma once

#include <vector>

#include "mapping/workload.hpp"

namespace codesign::importer {

// Keeps the first occurrence of each distinct layer, in order, with the repeats of all its
// occurrences summed.
std::vector<mapping::Layer> merge_repeats(const std::vector<mapping::Layer>& layers);

}  // namespace codesign::importer
