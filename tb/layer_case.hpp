// A single layer to validate on the RTL, as a hardware engineer writes it: a GEMM or a
// convolution, its tiling and dataflow, and a seed for the random operands. Produces the
// program, the DRAM image and the golden outputs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tb/program_builder.hpp"

namespace codesign::tb {

struct LayerCase {
  std::string name;
  bool conv = false;
  int m = 1, n = 1, k = 1;  // GEMM
  ConvShape shape;          // convolution
  Tiling tiling;
  std::uint64_t seed = 1;
  double zero_fraction = 0.25;  // share of operands drawn as zero

  std::uint64_t macs() const;
};

LayerCase layer_case_from_json(const nlohmann::json& j, const std::string& path);
LayerCase load_layer_case(const std::string& file);
nlohmann::json to_json(const LayerCase& c);

struct BuiltCase {
  TestProgram program;
  std::vector<std::int64_t> expected;
};
// Random operands from the seed; throws std::invalid_argument if the tiling does not fit.
BuiltCase build_case(const LayerCase& c, const arch::BuildConfig& b);

}  // namespace codesign::tb
