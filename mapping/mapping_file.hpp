// A file of per-layer mappings, {"layers": {"conv1": <mapping>, ...}} (the `mapping` objects
// that `codesign simulate --out` writes), read for a list of layers on one hardware point.
#pragma once

#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// One mapping per layer, in the order of `layers`, each checked valid on `b`. Throws
// util::ConfigError naming the file and the layer when one is missing, malformed or
// invalid, or when the file names a layer not in `layers`.
std::vector<Mapping> load_layer_mappings(const std::string& file, const arch::BuildConfig& b,
                                         const std::vector<Layer>& layers);

}  // namespace codesign::mapping
