#include "mapping/host_data.hpp"

#include <gtest/gtest.h>

using namespace codesign;
using namespace codesign::mapping;

namespace {

// A 2x2 input with 2 channels, a 3x3 filter of 1 output channel, padding 1.
Layer host_layer() {
  Layer l;
  l.name = "l";
  l.c = 2;
  l.k = 1;
  l.h = l.w = 2;
  l.r = l.s = 3;
  l.padding = 1;
  return l;
}

}  // namespace

TEST(HostData, GoldenModelIsADirectConvolution) {
  const Layer l = host_layer();
  LayerTensors t;
  t.input = {1, 2, 3, 4, 5, 6, 7, 8};  // [h][w][c]
  t.weight.assign(18, 0);
  t.weight[(1 * 3 + 1) * 2 + 0] = 1;   // centre tap, channel 0
  t.weight[(2 * 3 + 2) * 2 + 1] = -2;  // bottom-right tap, channel 1
  // out[p][q] = in[p][q][0] - 2 * in[p+1][q+1][1] (zero outside).
  std::vector<std::int32_t> got;
  for (std::uint64_t v : golden_outputs(l, t, 32)) got.push_back(static_cast<std::int32_t>(v));
  EXPECT_EQ(got, (std::vector<std::int32_t>{1 - 2 * 8, 3, 5, 7}));
  EXPECT_EQ(golden_outputs(l, t, 16)[0], 0xFFF1u);  // -15 modulo 2^16
}

TEST(HostData, DramImageIsPrePaddedAndOutputsReadBack) {
  arch::BuildConfig b;
  const Layer l = host_layer();
  const LayerTensors t = random_tensors(l, 8, 3);
  const DramLayout d = dram_layout_of(b, l);
  std::vector<std::uint8_t> dram = dram_image(d, l, t);
  ASSERT_EQ(dram.size(), d.total_bytes);
  EXPECT_EQ(dram[d.input(0, 0, 0, 1)], 0);  // padding
  EXPECT_EQ(static_cast<std::int8_t>(dram[d.input(0, 2, 1, 1)]), t.input[(1 * 2 + 0) * 2 + 1]);
  EXPECT_EQ(static_cast<std::int8_t>(dram[d.weight(0, 2, 1, 1, 0)]), t.weight[(2 * 3 + 1) * 2 + 1]);
  dram[d.output(0, 1, 0, 0)] = 0x34;
  dram[d.output(0, 1, 0, 0) + 1] = 0x12;
  EXPECT_EQ(read_outputs(d, l, dram), (std::vector<std::uint64_t>{0, 0, 0x1234, 0}));
  LayerTensors wrong = t;
  wrong.weight.pop_back();
  EXPECT_THROW(dram_image(d, l, wrong), std::invalid_argument);
}

TEST(HostData, FlattenedPointwiseLayersShareDramImages) {
  arch::BuildConfig b;
  Layer l;
  l.name = "pw";
  l.n = 2;
  l.c = 3;
  l.k = 4;
  l.h = 5;
  l.w = 6;
  const Layer f = flattened(l);
  const LayerTensors t = random_tensors(l, 8, 1);
  const DramLayout d = dram_layout_of(b, l), df = dram_layout_of(b, f);
  EXPECT_EQ(dram_image(d, l, t), dram_image(df, f, t));
  EXPECT_EQ(d.output_addr, df.output_addr);
  EXPECT_EQ(golden_outputs(l, t, 32), golden_outputs(f, t, 32));
}
