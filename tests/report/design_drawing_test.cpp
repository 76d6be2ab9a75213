#include "report/design_drawing.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "util/json_reader.hpp"

using codesign::report::design_drawing;
using codesign::report::svg_design;

namespace {

nlohmann::json hw(int rows, int cols) {
  return {{"name", "t"},
          {"rows", rows},
          {"cols", cols},
          {"data_width", 8},
          {"acc_width", 32},
          {"dataflows", {"os"}},
          {"input_buffer", {{"bytes", 32768}, {"banks", 2}}},
          {"weight_buffer", {{"bytes", 16384}, {"banks", 2}}},
          {"accumulator_buffer", {{"bytes", 65536}, {"banks", 2}}},
          {"dram", {{"bytes_per_cycle", 16.0}, {"latency_cycles", 100}}},
          {"clock_mhz", 500.0}};
}

// Each block's drawn area (width × height) by name.
std::map<std::string, double> drawn_areas(const std::string& svg) {
  std::map<std::string, double> out;
  const std::regex rect(
      "<rect class=\"block\" data-name=\"([^\"]+)\" data-size=\"[^\"]+\" x=\"[^\"]+\" "
      "y=\"[^\"]+\" width=\"([^\"]+)\" height=\"([^\"]+)\"");
  for (std::sregex_iterator i(svg.begin(), svg.end(), rect), end; i != end; ++i)
    out[(*i)[1]] = std::stod((*i)[2]) * std::stod((*i)[3]);
  return out;
}

}  // namespace

TEST(DesignDrawing, WithoutAnAreaTheBuffersAreToScaleByCapacity) {
  const auto d = design_drawing(hw(8, 16), 0);
  EXPECT_FALSE(d.array_to_scale);
  EXPECT_EQ(d.unit, "KiB");
  ASSERT_EQ(d.buffers.size(), 3u);
  EXPECT_EQ(d.buffers[2].size, 64);
  const std::string svg = svg_design(d);
  const auto a = drawn_areas(svg);
  ASSERT_EQ(a.size(), 4u);
  EXPECT_NEAR(a.at("accumulator buffer") / a.at("weight buffer"), 4.0, 1e-6);
  EXPECT_NEAR(a.at("input buffer") / a.at("weight buffer"), 2.0, 1e-6);
  // The 8 × 16 array keeps its aspect ratio, apart and said to be not to scale.
  const std::regex array(
      "data-name=\"PE array\" data-size=\"0\" x=\"[^\"]+\" y=\"[^\"]+\" "
      "width=\"([^\"]+)\" height=\"([^\"]+)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, array));
  EXPECT_NEAR(std::stod(m[1]) / std::stod(m[2]), 2.0, 1e-6);
  EXPECT_NE(svg.find("not to scale"), std::string::npos);
  EXPECT_NE(svg.find("8 × 16 PEs"), std::string::npos);
  EXPECT_NE(svg.find("class=\"pe-grid\""), std::string::npos);
}

TEST(DesignDrawing, WithTheStudysAreaEveryBlockIsToScale) {
  const auto by_capacity = design_drawing(hw(8, 16), 0);
  // Whatever the SRAM model gives the buffers, the array is the rest of the 5 mm².
  const auto d = design_drawing(hw(8, 16), 5.0);
  ASSERT_TRUE(d.array_to_scale);
  EXPECT_EQ(d.unit, "mm²");
  double sram = 0;
  for (const auto& b : d.buffers) sram += b.size;
  EXPECT_GT(sram, 0);
  EXPECT_NEAR(d.array.size + sram, 5.0, 1e-9);
  EXPECT_NE(d.buffers[0].detail.find("32 KiB"), std::string::npos);
  const auto a = drawn_areas(svg_design(d));
  ASSERT_EQ(a.size(), 4u);
  for (const auto& b : d.buffers)
    EXPECT_NEAR(a.at(b.name) / a.at("PE array and control"), b.size / d.array.size, 1e-6) << b.name;
  // An area below the buffers' own is not believed: drawn by capacity, and said so.
  const auto tiny = design_drawing(hw(8, 16), 1e-6);
  EXPECT_FALSE(tiny.array_to_scale);
  EXPECT_NE(tiny.note.find("below the buffers"), std::string::npos);
  EXPECT_EQ(tiny.buffers[0].size, by_capacity.buffers[0].size);
}

TEST(DesignDrawing, RefusesAnInvalidHardwarePoint) {
  nlohmann::json bad = hw(8, 16);
  bad["rows"] = 0;
  EXPECT_THROW(design_drawing(bad, 0), codesign::util::ConfigError);
}
