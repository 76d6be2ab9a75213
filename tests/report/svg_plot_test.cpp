#include "report/svg_plot.hpp"

#include <gtest/gtest.h>

using namespace codesign::report;

TEST(SvgPlot, DrawsEverySeriesWithItsNameEscaped) {
  const std::string svg =
      svg_plot({{"bo <best>", {1, 2, 3}, {3, 2, 1}, true}, {"random", {1, 2}, {5, 4}, false}},
               {"EDP", "evaluations", "J·s", true, 600, 300});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("data-name=\"bo &lt;best&gt;\""), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(SvgPlot, RejectsBadSeries) {
  EXPECT_THROW(svg_plot({{"a", {1, 2}, {1}, true}}, {}), std::invalid_argument);
  PlotOptions log;
  log.log_y = true;
  EXPECT_THROW(svg_plot({{"a", {1}, {0}, true}}, log), std::invalid_argument);
}

TEST(SvgBars, OneBarPerLabelScaledToTheLargest) {
  const std::string svg =
      svg_bars({"conv1", "fc"}, {2.0, 1.0}, {"energy", "pJ", "", false, 500, 0});
  EXPECT_NE(svg.find("data-name=\"conv1\" data-value=\"2\""), std::string::npos);
  EXPECT_NE(svg.find("data-name=\"fc\" data-value=\"1\""), std::string::npos);
  EXPECT_THROW(svg_bars({"a"}, {1, 2}, {}), std::invalid_argument);
  EXPECT_THROW(svg_bars({"a"}, {-1}, {}), std::invalid_argument);
}
