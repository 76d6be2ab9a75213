#include "mapping/dram_layout.hpp"

#include <gtest/gtest.h>

using namespace codesign;
using namespace codesign::mapping;

TEST(DramLayout, PlacesPaddedInputWeightsAndOutputsInOrder) {
  arch::BuildConfig b;
  b.data_width = 16;
  Layer l;
  l.n = 2;
  l.groups = 2;
  l.c = 6;
  l.k = 4;
  l.h = 5;
  l.w = 4;
  l.r = l.s = 3;
  l.stride = 2;
  l.padding = 1;
  const DramLayout d = dram_layout_of(b, l);
  EXPECT_EQ(d.input_bytes, 2u * 7 * 6 * 6 * 2);
  EXPECT_EQ(d.input(1, 2, 3, 4), ((1u * 7 + 2) * 6 + 3) * 6 * 2 + 4 * 2);
  EXPECT_EQ(d.weight_addr % 64, 0u);
  EXPECT_GE(d.weight_addr, d.input_bytes);
  EXPECT_EQ(d.weight_bytes, 2u * 3 * 3 * 3 * 2 * 2);
  EXPECT_EQ(d.weight(1, 2, 0, 1, 1),
            d.weight_addr + ((((1u * 3 + 2) * 3 + 0) * 3 + 1) * 2 + 1) * 2);
  EXPECT_EQ(d.output_addr % 64, 0u);
  EXPECT_EQ(d.output(1, 2, 1, 3), d.output_addr + (((1u * 3 + 2) * 2 + 1) * 4 + 3) * 4);
  EXPECT_EQ(d.total_bytes, d.output_addr + 2u * 3 * 2 * 4 * 4);
  EXPECT_EQ(d.input_pixel_step(Dim::kQ), 2u * 6 * 2);
  EXPECT_EQ(d.input_pixel_step(Dim::kP), 2u * 6 * 6 * 2);
  EXPECT_EQ(d.input_pixel_step(Dim::kN), 7u * 6 * 6 * 2);
  EXPECT_EQ(d.output_pixel_step(Dim::kP), 2u * 4 * 4);
  const nlohmann::json j = to_json(d);
  EXPECT_EQ(j["input"]["shape"], nlohmann::json({2, 7, 6, 6}));
  EXPECT_EQ(j["weight"]["shape"], nlohmann::json({2, 3, 3, 3, 2}));
  EXPECT_EQ(j["output"]["addr"], d.output_addr);
  EXPECT_EQ(j["output"]["element_bytes"], 4);
}
