// Compiled programs on the RTL: for every layer type (convolution with stride, padding and
// dilation; grouped and depthwise; fully connected; batched attention matmul) mappings
// drawn by the mapspace sampler are compiled and run, and every output is compared with
// the golden model. Across array shapes, both dataflows, single and double buffering.
#include <gtest/gtest.h>

#include <random>

#include "mapping/mapspace.hpp"
#include "mapping/validity.hpp"
#include "tb/mapped_layer.hpp"

namespace codesign::tests {
namespace {

using mapping::Layer;
using mapping::LayerKind;

Layer conv(int c, int k, int h, int r, int stride, int pad, int dil, int groups = 1) {
  Layer l;
  l.name = "conv";
  l.c = c;
  l.k = k;
  l.h = l.w = h;
  l.r = l.s = r;
  l.stride = stride;
  l.padding = pad;
  l.dilation = dil;
  l.groups = groups;
  return l;
}

Layer fc(int batch, int in, int out) {
  Layer l;
  l.name = "fc";
  l.kind = LayerKind::kFullyConnected;
  l.n = batch;
  l.c = in;
  l.k = out;
  return l;
}

Layer matmul(int batch, int m, int kd, int nd) {
  Layer l;
  l.name = "matmul";
  l.kind = LayerKind::kMatmul;
  l.groups = batch;
  l.c = batch * kd;
  l.k = batch * nd;
  l.h = m;
  return l;
}

arch::HwConfig hw(int rows, int cols, std::uint32_t entries, std::uint32_t banks) {
  arch::HwConfig h;
  h.name = "compiled";
  h.build.rows = rows;
  h.build.cols = cols;
  h.build.input = {entries * h.build.input_vector_bytes(), banks};
  h.build.weight = {entries * h.build.weight_vector_bytes(), banks};
  h.build.accumulator = {entries * h.build.acc_vector_bytes(), banks};
  h.run.dram_latency_cycles = 20;
  h.run.dram_bytes_per_cycle = 8;
  return h;
}

class RtlCompiled : public ::testing::TestWithParam<int> {};

TEST_P(RtlCompiled, SampledMappingsOfEveryLayerTypeAreBitExact) {
  const arch::HwConfig h = GetParam() == 0   ? hw(4, 4, 64, 2)
                           : GetParam() == 1 ? hw(3, 5, 48, 1)
                                             : hw(6, 2, 96, 4);
  const std::vector<Layer> layers = {
      conv(5, 7, 7, 3, 1, 1, 1),
      conv(6, 4, 9, 3, 2, 1, 1),
      conv(3, 5, 8, 3, 1, 2, 2),
      conv(4, 6, 6, 1, 1, 0, 1),
      conv(6, 6, 7, 3, 1, 1, 1, 6),
      conv(6, 9, 6, 3, 2, 1, 1, 3),
      fc(3, 13, 11),
      matmul(3, 5, 4, 6),
  };
  std::mt19937_64 rng(77 + GetParam());
  std::vector<tb::MappedLayer> runs;
  for (const Layer& l : layers) {
    mapping::validate(l, l.name);
    const mapping::Mapspace space(h.build, l);
    for (int i = 0; i < 3; ++i) {
      tb::MappedLayer ml{l, space.sample(rng), rng() >> 1};
      ASSERT_EQ(mapping::check_mapping(h.build, l, ml.mapping), "");
      runs.push_back(ml);
    }
  }
  systemc::BuildCache cache;
  tb::MappedRunOptions options;
  options.stall_probability = GetParam() == 2 ? 0.2 : 0.0;
  const auto results = tb::run_mapped_layers(h, runs, cache, options);
  ASSERT_EQ(results.size(), runs.size());
  std::set<std::string> dataflows;
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(results[i].ok()) << runs[i].layer.name << " "
                                 << mapping::to_json(runs[i].mapping).dump() << ": "
                                 << systemc::to_string(results[i].status) << " "
                                 << results[i].reason;
    EXPECT_GT(results[i].outputs, 0u);
    dataflows.insert(arch::to_string(runs[i].mapping.dataflow));
  }
  EXPECT_EQ(dataflows.size(), 2u);  // both dataflows were exercised
}

INSTANTIATE_TEST_SUITE_P(Arrays, RtlCompiled, ::testing::Values(0, 1, 2));

}  // namespace
}  // namespace codesign::tests
