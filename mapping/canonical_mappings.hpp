// The mappings an expert writes down first for a layer, to seed a mapper's search: for
// each dataflow the RTL is built with and each loop it can spread across rows (flattened
// output pixels and reductions included, mapping.hpp), spatial
// tiles that fill the array, the longest streams and the largest on-chip tiles that fit
// the buffers, grown in a few priority orders (reductions, output channels, pixels or
// groups first), under two loop orders (output channels outside or inside the pixel
// loops), with and without double buffering.
//
// Growing a tile "to the largest that fits" keeps every tile before it in the priority
// order as large as it got, so each priority order gives one corner of the trade-off
// between input, weight and output reuse; a local search refines from the best corner.
#pragma once

#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// Every returned mapping is valid (validity.hpp) and distinct; the list is empty only when
// the layer has no valid mapping on this hardware. Ordered so that any prefix covers the
// dataflows and row loops before it varies growth order, loop order and double buffering.
std::vector<Mapping> canonical_mappings(const arch::BuildConfig& b, const Layer& l);

}  // namespace codesign::mapping
