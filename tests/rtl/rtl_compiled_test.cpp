// Compiled programs on the RTL: for every layer type (convolution with stride, padding and
// dilation; grouped and depthwise; fully connected; batched attention matmul) mappings
// drawn by the mapspace sampler are compiled and run, and every output is compared with
// the golden model. Across array shapes, both dataflows, single and double buffering; and
// random layer shapes in every mode (both dataflows, flattened rows with wrapped loads,
// edge tiles), half of them under random DRAM stalls; and depthwise layers lowered to output
// patches, checked against the depthwise layer's own golden outputs. These simulators check the
// RTL's SV assertions (the flow's are built without them, for speed).
#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "mapping/compiler.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/patch_lowering.hpp"
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

// The three arrays both suites run on (one simulator build each): square, non-square with
// one bank, tall and narrow with four.
arch::HwConfig tested_array(int i) {
  return i == 0 ? hw(4, 4, 64, 2) : i == 1 ? hw(3, 5, 48, 1) : hw(6, 2, 96, 4);
}

class RtlCompiled : public ::testing::TestWithParam<int> {};

TEST_P(RtlCompiled, SampledMappingsOfEveryLayerTypeAreBitExact) {
  const arch::HwConfig h = tested_array(GetParam());
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
  options.run.assertions = true;
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

// A random layer shape that validates: a convolution (any filter, stride, padding,
// dilation; grouped or depthwise), a fully connected layer or a batched matmul.
Layer random_layer(std::mt19937_64& rng) {
  const auto draw = [&rng](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (;;) {
    const int kind = draw(0, 5);
    Layer l;
    if (kind == 4) {
      l = fc(draw(1, 4), draw(1, 20), draw(1, 14));
    } else if (kind == 5) {
      l = matmul(draw(1, 3), draw(1, 8), draw(1, 6), draw(1, 6));
    } else {
      const int groups = kind == 3 ? draw(1, 4) : 1;
      const int r = draw(1, 3), c = groups * draw(1, kind == 3 ? 2 : 8);
      l = conv(c, kind == 3 && draw(0, 1) ? c : groups * draw(1, 10), draw(r, 10), r, draw(1, 2),
               draw(0, r - 1), r > 1 && draw(0, 3) == 0 ? 2 : 1, groups);
      l.w = draw(r, 10);
      l.s = draw(1, 3);
    }
    try {
      mapping::validate(l, l.name);
      return l;
    } catch (const std::exception&) {
      // an impossible shape (the filter wider than the padded input): draw again
    }
  }
}

// A valid mapping of the wanted dataflow and flattening when the sampler offers one.
mapping::Mapping mapping_in_mode(const mapping::Mapspace& space, arch::Dataflow df, bool flatten,
                                 std::mt19937_64& rng) {
  mapping::Mapping m = space.sample(rng);
  for (int i = 0; i < 400 && (m.dataflow != df || m.flatten != flatten); ++i) m = space.sample(rng);
  return m;
}

// Runs `runs` with the SV assertions checked, on the nominal memory or, stalled, on a slower
// one with random stalls.
std::vector<tb::MappedLayerResult> run_checked(const arch::HwConfig& h,
                                               const std::vector<tb::MappedLayer>& runs,
                                               bool stalled, const systemc::BuildCache& cache) {
  arch::HwConfig memory = h;
  if (stalled) {
    memory.run.dram_bytes_per_cycle = 2.5;
    memory.run.dram_latency_cycles = 3;
  }
  tb::MappedRunOptions options;
  options.run.assertions = true;
  options.stall_probability = stalled ? 0.25 : 0.0;
  return tb::run_mapped_layers(memory, runs, cache, options);
}

class RtlCompiledModes : public ::testing::TestWithParam<int> {};

TEST_P(RtlCompiledModes, RandomLayersInEveryModeAreBitExact) {
  const arch::HwConfig h = tested_array(GetParam());
  // Per array; the first half on the nominal memory, the rest on a slower one with stalls.
  constexpr int kLayers = 100;
  std::mt19937_64 rng(1200 + GetParam());
  std::vector<tb::MappedLayer> runs[2];
  int flattened = 0, wrapped = 0, edge = 0, ws = 0;
  for (int i = 0; i < kLayers; ++i) {
    const Layer l = random_layer(rng);
    const mapping::Mapspace space(h.build, l);
    if (!space.unmappable_reason().empty()) {
      --i;
      continue;
    }
    const auto df =
        i % 4 < 2 ? arch::Dataflow::kOutputStationary : arch::Dataflow::kWeightStationary;
    const mapping::Mapping m = mapping_in_mode(space, df, i % 2 == 1, rng);
    ASSERT_EQ(mapping::check_mapping(h.build, l, m), "");
    // What this case exercises.
    flattened += m.flatten;
    ws += m.dataflow == arch::Dataflow::kWeightStationary;
    bool wraps = false;
    for (const arch::Command& c : mapping::compile(h.build, l, m).program)
      wraps |= c.op == arch::Opcode::kLoad && c.wrap_len > 0;
    wrapped += wraps;
    const mapping::DimArray bounds = mapping::bounds_of(l, m);
    bool partial = false;
    for (int d = 0; d < mapping::kNumDims; ++d)
      partial |= bounds[d] % m.buffer_tile[d] != 0 || m.buffer_tile[d] % m.compute_tile[d] != 0;
    edge += partial;
    runs[i < kLayers / 2 ? 0 : 1].push_back({l, m, rng() >> 1});
  }
  std::cout << "array " << h.build.rows << "x" << h.build.cols << ": " << kLayers << " layers, "
            << ws << " weight-stationary, " << flattened << " flattened, " << wrapped
            << " with wrapped loads, " << edge << " with edge tiles, " << kLayers / 2
            << " under stalls\n";
  // Each mode is exercised, not only drawn for.
  EXPECT_GE(flattened, kLayers / 4);
  EXPECT_GE(wrapped, kLayers / 8);
  EXPECT_GE(edge, kLayers / 4);
  EXPECT_GE(ws, kLayers / 4);
  EXPECT_LE(ws, 3 * kLayers / 4);

  systemc::BuildCache cache;
  for (int stalled = 0; stalled < 2; ++stalled) {
    const auto results = run_checked(h, runs[stalled], stalled, cache);
    ASSERT_EQ(results.size(), runs[stalled].size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      EXPECT_GT(results[i].outputs, 0u);
      EXPECT_TRUE(results[i].ok())
          << (stalled ? "stalls, " : "") << runs[stalled][i].layer.name << " "
          << mapping::to_json(runs[stalled][i].layer).dump() << " "
          << mapping::to_json(runs[stalled][i].mapping).dump() << ": "
          << systemc::to_string(results[i].status) << " " << results[i].reason;
    }
  }
}

class RtlCompiledPatches : public ::testing::TestWithParam<int> {};

// Random depthwise layers (any size, stride, padding; edge patches included) under mappings
// of their 2x2-patch lowering in both dataflows; half under random DRAM stalls.
TEST_P(RtlCompiledPatches, DepthwiseLayersLoweredToPatchesAreBitExact) {
  const arch::HwConfig h = tested_array(GetParam());
  constexpr int kLayers = 24, kPatch = 2;
  std::mt19937_64 rng(1300 + GetParam());
  const auto draw = [&rng](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::vector<tb::MappedLayer> runs;
  int ws = 0, edge = 0;
  while (static_cast<int>(runs.size()) < kLayers) {
    const int r = draw(1, 3), channels = draw(1, 5);
    Layer l = conv(channels, channels, draw(r, 10), r, draw(1, 2), draw(0, r - 1), 1, channels);
    l.w = draw(r, 10);
    l.s = draw(1, 3);
    try {
      mapping::validate(l, l.name);
    } catch (const std::exception&) {
      continue;  // the filter wider than the padded input: draw again
    }
    ASSERT_EQ(mapping::patch_reason(h.build, l, kPatch), "");
    const mapping::Mapspace space(h.build, mapping::patch_lowered(l, kPatch));
    if (!space.unmappable_reason().empty()) continue;
    const auto df =
        runs.size() % 2 ? arch::Dataflow::kOutputStationary : arch::Dataflow::kWeightStationary;
    mapping::Mapping m = mapping_in_mode(space, df, draw(0, 1) == 1, rng);
    m.patch = kPatch;
    ASSERT_EQ(mapping::check_mapping(h.build, l, m), "");
    ws += m.dataflow == arch::Dataflow::kWeightStationary;
    edge += l.p() % kPatch != 0 || l.q() % kPatch != 0;
    runs.push_back({l, m, rng() >> 1});
  }
  EXPECT_GE(ws, kLayers / 4);
  EXPECT_GE(edge, kLayers / 4);

  systemc::BuildCache cache;
  for (int stalled = 0; stalled < 2; ++stalled) {
    const std::vector<tb::MappedLayer> half(runs.begin() + stalled * kLayers / 2,
                                            runs.begin() + (stalled + 1) * kLayers / 2);
    const auto results = run_checked(h, half, stalled, cache);
    ASSERT_EQ(results.size(), half.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      EXPECT_EQ(results[i].outputs,
                static_cast<std::size_t>(half[i].layer.p()) * half[i].layer.q() * half[i].layer.k);
      EXPECT_TRUE(results[i].ok())
          << (stalled ? "stalls, " : "") << mapping::to_json(half[i].layer).dump() << " "
          << mapping::to_json(half[i].mapping).dump() << ": "
          << systemc::to_string(results[i].status) << " " << results[i].reason;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Arrays, RtlCompiled, ::testing::Values(0, 1, 2));
INSTANTIATE_TEST_SUITE_P(Arrays, RtlCompiledModes, ::testing::Values(0, 1, 2));
// The arrays with at least 4 columns (a 2x2 patch's pixels).
INSTANTIATE_TEST_SUITE_P(Arrays, RtlCompiledPatches, ::testing::Values(0, 1));

}  // namespace
}  // namespace codesign::tests
