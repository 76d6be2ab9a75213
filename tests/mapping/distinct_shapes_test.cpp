// Layers of one shape, whatever their names, merged into one with their repeats summed.
#include "mapping/workload.hpp"

#include <gtest/gtest.h>

namespace {

using codesign::mapping::distinct_shapes;
using codesign::mapping::Layer;
using codesign::mapping::layer_from_json;

Layer conv(const std::string& name, int c, int k, int repeat = 1) {
  return layer_from_json({{"name", name},
                          {"type", "conv2d"},
                          {"c", c},
                          {"h", 8},
                          {"w", 8},
                          {"k", k},
                          {"r", 3},
                          {"s", 3},
                          {"padding", 1},
                          {"repeat", repeat}},
                         "test");
}

TEST(DistinctShapes, IdenticalLayersMergeInFirstOccurrenceOrder) {
  const auto shapes = distinct_shapes(
      {conv("a", 8, 8), conv("b", 8, 16), conv("c", 8, 8), conv("d", 8, 16, 2), conv("e", 8, 8)});
  const auto& merged = shapes.distinct;
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].name, "a");
  EXPECT_EQ(merged[0].repeat, 3);
  EXPECT_EQ(merged[1].name, "b");
  EXPECT_EQ(merged[1].repeat, 3);
  EXPECT_EQ(shapes.of_layer, (std::vector<std::size_t>{0, 1, 0, 1, 0}));
}

TEST(DistinctShapes, AnyDifferenceKeepsLayersApart) {
  Layer strided = conv("s", 8, 8);
  strided.stride = 2;
  const Layer fc = layer_from_json({{"name", "f"}, {"type", "fc"}, {"in", 8}, {"out", 8}}, "t");
  // The same MACs as a matmul, but another computation.
  const Layer mm =
      layer_from_json({{"name", "m"}, {"type", "matmul"}, {"m", 1}, {"k", 8}, {"n", 8}}, "t");
  EXPECT_EQ(distinct_shapes({conv("a", 8, 8), strided, fc, mm}).distinct.size(), 4u);
}

}  // namespace
