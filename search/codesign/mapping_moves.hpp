// The mappings one step away from a mapping, for the mapper's local search. A step sets one
// tile to one of a few telling values (1, powers of two, an even split of the loop, the
// array's size, the whole loop, one more or one less), moves a compute tile alone or with
// its on-chip tile (same number of blocks, or one block), toggles double buffering, moves
// one loop of an order to another place among the loops that have more than one iteration
// at that level, or spreads another pixel loop across the rows. A step that overflows a
// buffer is also tried with another loop's tiles shrunk to fit (trading one loop's reuse
// for another's). Every mapping returned is valid and differs from `m`; none appears twice.
#pragma once

#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::search {

std::vector<mapping::Mapping> neighbours(const arch::BuildConfig& b, const mapping::Layer& l,
                                         const mapping::Mapping& m);

}  // namespace codesign::search
