#include "mapping/patch_lowering.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mapping/compiler.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/model.hpp"
#include "mapping/program_model.hpp"
#include "mapping/validity.hpp"
#include "random_cases.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

Layer depthwise(int channels, int hw, int filter, int stride, int padding) {
  Layer l;
  l.name = "dw";
  l.groups = l.c = l.k = channels;
  l.h = l.w = hw;
  l.r = l.s = filter;
  l.stride = stride;
  l.padding = padding;
  return l;
}

Layer random_depthwise(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  while (true) {
    Layer l = depthwise(pick(1, 4), 1, pick(1, 3), pick(1, 2), pick(0, 2));
    l.n = pick(1, 2);
    l.h = pick(1, 9);
    l.w = pick(1, 9);
    l.s = pick(1, 3);
    try {
      validate(l, "random");
      return l;
    } catch (const util::ConfigError&) {
    }
  }
}

}  // namespace

TEST(PatchLowering, LoweredShapeOfA3x3Layer) {
  const Layer l = depthwise(96, 56, 3, 1, 1);
  const Layer x = patch_lowered(l, 4);
  EXPECT_EQ(x.groups, 96);
  EXPECT_EQ(x.c_per_group(), 1);
  EXPECT_EQ(x.k_per_group(), 16);
  EXPECT_EQ(x.r, 6);
  EXPECT_EQ(x.s, 6);
  EXPECT_EQ(x.stride, 4);
  EXPECT_EQ(x.p(), 14);
  EXPECT_EQ(x.q(), 14);
  EXPECT_EQ(x.h, 56);  // 14 patches of 4 cover 56 outputs exactly: no extension
  // 7 outputs need two patches of 4: the input grows by one row and column of zeros.
  const Layer y = patch_lowered(depthwise(8, 7, 3, 1, 1), 4);
  EXPECT_EQ(y.p(), 2);
  EXPECT_EQ(y.h, 8);
  EXPECT_EQ(patch_extra_macs(l, 4), x.macs() - l.macs());
  EXPECT_EQ(x.macs(), l.macs() * 4);  // 36 window MACs per output against 9
}

// The lowering is exact: the lowered layer's golden outputs, read back, are the depthwise
// layer's, over many shapes, strides, paddings and patch sizes.
TEST(PatchLowering, LoweredLayerComputesTheDepthwiseOutputs) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300; ++i) {
    const Layer l = random_depthwise(rng);
    const int t = std::uniform_int_distribution<int>(2, 4)(rng);
    SCOPED_TRACE(to_json(l).dump() + " patch " + std::to_string(t));
    const LayerTensors tensors = random_tensors(l, 8, 100 + i);
    const Layer x = patch_lowered(l, t);
    ASSERT_NO_THROW(validate(x, "lowered"));
    ASSERT_EQ(x.p(), (l.p() + t - 1) / t);
    ASSERT_EQ(x.q(), (l.q() + t - 1) / t);
    const auto lowered = golden_outputs(x, patch_tensors(l, t, tensors), 32);
    ASSERT_EQ(outputs_from_patches(l, t, lowered), golden_outputs(l, tensors, 32));
  }
}

TEST(PatchLowering, ReasonsNameWhatIsMissing) {
  arch::BuildConfig b;  // 16 columns
  const Layer l = depthwise(32, 14, 3, 1, 1);
  EXPECT_EQ(patch_reason(b, l, 1), "");
  EXPECT_EQ(patch_reason(b, l, 4), "");
  EXPECT_NE(patch_reason(b, l, 5).find("exceeds the 16 array columns"), std::string::npos);
  EXPECT_NE(patch_reason(b, l, 0).find("must be in [1, 16]"), std::string::npos);
  Layer dense = l;
  dense.groups = 1;
  EXPECT_NE(patch_reason(b, dense, 2).find("depthwise"), std::string::npos);
  Layer dilated = l;
  dilated.dilation = 2;
  EXPECT_NE(patch_reason(b, dilated, 2).find("dilation"), std::string::npos);
  EXPECT_EQ(max_patch(b, l), 4);  // 4 x 4 pixels fill the 16 columns
  EXPECT_EQ(max_patch(b, dense), 1);
}

TEST(PatchLowering, MappingFilesCarryThePatch) {
  Mapping m;
  m.patch = 4;
  const nlohmann::json j = to_json(m);
  EXPECT_EQ(j.at("patch"), 4);
  EXPECT_EQ(mapping_from_json(j, "f"), m);
  // Not written when 1, read as 1 when missing (files written before patches).
  EXPECT_FALSE(to_json(Mapping{}).contains("patch"));
  EXPECT_EQ(mapping_from_json(to_json(Mapping{}), "f").patch, 1);
  nlohmann::json bad = j;
  bad["patch"] = 0;
  try {
    mapping_from_json(bad, "f.json");
    FAIL() << "patch 0 accepted";
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("patch"), std::string::npos) << e.what();
  }
}

TEST(PatchLowering, ValidityChecksThePatchThenTheLoweredMapping) {
  arch::BuildConfig b;
  const Layer l = depthwise(32, 14, 3, 1, 1);
  std::mt19937_64 rng(3);
  Mapping m = Mapspace(b, patch_lowered(l, 4)).sample(rng);
  EXPECT_NE(check_mapping(b, l, m), "") << "a mapping of the lowered layer, without its patch";
  m.patch = 4;
  EXPECT_EQ(check_mapping(b, l, m), "");
  Layer dense = l;
  dense.groups = 1;
  EXPECT_EQ(check_mapping(b, dense, m).rfind("patch: ", 0), 0u) << check_mapping(b, dense, m);
}

// The fast model prices a patch mapping as the lowered layer's program: cycles and every
// count agree with the program-level model on the compiled program, except the zero-operand
// MACs, which count the lowering's extra MACs as zero.
TEST(PatchLowering, ModelPricesTheLoweredProgram) {
  std::mt19937_64 rng(8);
  for (int i = 0; i < 100; ++i) {
    arch::HwConfig hw;
    hw.build = random_build(rng);
    hw.build.cols = std::uniform_int_distribution<int>(4, 9)(rng);
    hw.run.dram_latency_cycles = std::uniform_int_distribution<int>(0, 50)(rng);
    hw.run.dram_bytes_per_cycle = 4;
    const Layer l = random_depthwise(rng);
    const int t = hw.build.cols >= 9 && i % 2 ? 3 : 2;
    ASSERT_EQ(patch_reason(hw.build, l, t), "");
    const Layer x = patch_lowered(l, t);
    const Mapspace space(hw.build, x);
    if (!space.unmappable_reason().empty()) continue;
    Mapping m = space.sample(rng);
    m.patch = t;
    SCOPED_TRACE(to_json(l).dump() + "\n" + to_json(m).dump());
    const arch::ActionCounts fast = LayerModel(hw, l).evaluate(m);
    arch::ActionCounts exact = program_counts(hw, x, compile(hw.build, l, m).program);
    EXPECT_EQ(fast.zero_macs, estimated_zero_macs(hw.build, l, m));
    EXPECT_EQ(fast.macs, x.macs());
    exact.zero_macs = fast.zero_macs;
    EXPECT_NEAR(static_cast<double>(fast.cycles), static_cast<double>(exact.cycles),
                1e-9 * static_cast<double>(exact.cycles) + 1);
    exact.cycles = fast.cycles;
    std::vector<std::uint64_t> got, want;
    fast.for_each([&](const char*, std::uint64_t v) { got.push_back(v); });
    exact.for_each([&](const char*, std::uint64_t v) { want.push_back(v); });
    EXPECT_EQ(got, want);
    if (HasFailure()) return;
  }
}
