// A mapping file: the mapping of each layer of a workload, by layer name,
//   {"layers": {"conv1": <mapping>, "fc1": <mapping>, ...}}
// (the `mapping` objects that `codesign simulate --out` writes, or an export's
// layers/NN_name/mapping.json gathered by name).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

// The mappings of `selected` (layers of `workload`), in their order, each valid on `hw`.
// Every selected layer must have one; a name that is no layer of the workload is refused.
// Throws util::ConfigError naming `path`, the layer and what is wrong.
std::vector<Mapping> mappings_from_json(const nlohmann::json& j, const std::string& path,
                                        const arch::BuildConfig& hw, const Workload& workload,
                                        const std::vector<Layer>& selected);
std::vector<Mapping> load_mapping_file(const std::string& file, const arch::BuildConfig& hw,
                                       const Workload& workload,
                                       const std::vector<Layer>& selected);

}  // namespace codesign::mapping
