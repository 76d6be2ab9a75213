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

TEST(SvgPlot, RoundTicksOnCountsAndDecadesOnLogAxes) {
  PlotOptions o{"t", "evaluations", "EDP", true, 640, 400};
  o.integer_x = true;
  const std::string svg = svg_plot({{"bo", {1, 2, 3, 4}, {1e-9, 1e-8, 1e-7, 1e-6}, true}}, o);
  EXPECT_NE(svg.find("class=\"x-tick\" x=\"70\" y=\"370\" text-anchor=\"middle\">1<"),
            std::string::npos)
      << svg;
  EXPECT_EQ(svg.find(".5<"), std::string::npos);
  // Decades, the exponent raised.
  EXPECT_NE(svg.find(">10<tspan dy=\"-5\" font-size=\"8\">-7</tspan>"), std::string::npos);
}

TEST(SvgPlot, SameScaleOnBothAxesDrawsASquareWithTheDiagonal) {
  PlotOptions o{"model vs rtl", "model", "rtl", true, 480, 360};
  o.log_x = true;
  o.same_xy = true;
  const std::string svg = svg_plot({{"designs", {1e-7, 3e-7}, {1.1e-7, 2.9e-7}, false}}, o);
  EXPECT_NE(svg.find("class=\"diagonal\""), std::string::npos);
  // A square frame: 480 - 70 - 160 = 250 px on both sides.
  EXPECT_NE(svg.find("width=\"250\" height=\"250\""), std::string::npos) << svg;
  o.log_x = false;
  EXPECT_THROW(svg_plot({{"a", {1}, {1}, false}}, o), std::invalid_argument);
}
