// Random small hardware points and layers for the compiler and model tests: tiny arrays and
// buffers so that tiles are small and edge tiles frequent.
#pragma once

#include <random>

#include "arch/hw_config.hpp"
#include "mapping/workload.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

inline arch::BuildConfig random_build(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  arch::BuildConfig b;
  b.rows = pick(1, 5);
  b.cols = pick(1, 5);
  b.data_width = pick(0, 3) == 0 ? 16 : 8;
  b.acc_width = b.data_width == 8 && pick(0, 3) == 0 ? 16 : 32;
  b.output_stationary = pick(0, 4) != 0;
  b.weight_stationary = !b.output_stationary || pick(0, 1) == 0;
  // Small buffers so that tiles are small and edge tiles frequent.
  auto banks = [&] { return static_cast<std::uint32_t>(1 << pick(0, 2)); };
  b.input = {static_cast<std::uint32_t>(pick(8, 64) * b.input_vector_bytes()), banks()};
  b.weight = {static_cast<std::uint32_t>(pick(8, 64) * b.weight_vector_bytes()), banks()};
  b.accumulator = {static_cast<std::uint32_t>(pick(8, 64) * b.acc_vector_bytes()), banks()};
  return b;
}

inline Layer random_layer(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  while (true) {
    Layer l;
    l.name = "random";
    l.n = pick(1, 2);
    l.groups = pick(0, 2) == 0 ? pick(2, 3) : 1;
    l.c = l.groups * pick(1, 6);
    l.k = l.groups * pick(1, 7);
    l.h = pick(1, 8);
    l.w = pick(1, 8);
    l.r = pick(1, 3);
    l.s = pick(1, 3);
    l.stride = pick(1, 2);
    l.padding = pick(0, 2);
    l.dilation = pick(1, 2);
    try {
      validate(l, "random");
      return l;
    } catch (const util::ConfigError&) {
    }
  }
}

}  // namespace codesign::mapping
