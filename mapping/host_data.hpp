// The host side of a compiled layer: tensors in logical order, the DRAM image the
// accelerator reads (layout in dram_layout.hpp), the outputs read back from DRAM, and a
// direct grouped-convolution golden model. Testbenches compare read_outputs() after a run
// with golden_outputs() element by element.
#pragma once

#include <cstdint>
#include <vector>

#include "mapping/dram_layout.hpp"
#include "mapping/workload.hpp"

namespace codesign::mapping {

struct LayerTensors {
  std::vector<std::int64_t> input;   // [n][h][w][c], unpadded, data_width-bit values
  std::vector<std::int64_t> weight;  // [g][r][s][c/g][k/g]
};

// Uniform data_width-bit two's-complement values.
LayerTensors random_tensors(const Layer& l, int data_width, std::uint64_t seed);
// total_bytes of DRAM: the padded input, the weights, zeroed outputs.
std::vector<std::uint8_t> dram_image(const DramLayout& d, const Layer& l, const LayerTensors& t);
// Outputs [n][p][q][k] as acc_width-bit unsigned values (sums modulo 2^acc_width).
std::vector<std::uint64_t> read_outputs(const DramLayout& d, const Layer& l,
                                        const std::vector<std::uint8_t>& dram);
std::vector<std::uint64_t> golden_outputs(const Layer& l, const LayerTensors& t, int acc_width);

}  // namespace codesign::mapping
