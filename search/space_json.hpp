// Reads a space's parameters from JSON (e.g. a section of space.json):
//   {"parameters": [
//     {"name": "rows",     "type": "power_of_two", "min": 4, "max": 64},
//     {"name": "buffer",   "type": "log_integer",  "min": 1024, "max": 65536},
//     {"name": "banks",    "type": "integer",      "min": 1, "max": 8},
//     {"name": "clock",    "type": "real",         "min": 0.5, "max": 1.5},
//     {"name": "width",    "type": "ordinal",      "values": [8, 16, 32]},
//     {"name": "dataflow", "type": "categorical",  "choices": ["ws", "os"]}]}
// Known constraints are code: the caller adds them with Space::constrain.
#pragma once

#include "search/space.hpp"
#include "util/json_reader.hpp"

namespace codesign::search {

// Throws util::ConfigError naming the file and key path of the first problem.
Space space_from_json(util::JsonObject& object);

}  // namespace codesign::search
