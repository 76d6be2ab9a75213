// Self-contained SVG line and scatter charts, for reports and benchmarks: no JavaScript,
// no external resources, so a file opens anywhere.
#pragma once

#include <string>
#include <vector>

namespace codesign::report {

// Text safe inside HTML/SVG elements and attributes.
std::string escape_markup(const std::string& s);
// A number with 4 significant digits, as the plots and tables print it.
std::string short_number(double v);

struct Series {
  std::string name;
  std::vector<double> x, y;
  bool lines = true;  // false: markers only (a scatter); a line of one point is a marker
};

struct PlotOptions {
  std::string title, x_label, y_label;
  bool log_y = false;  // decades
  int width = 640, height = 400;
  bool log_x = false;
  bool integer_x = false;  // x counts things: whole-number ticks
  // One range and scale on both axes (log_x == log_y), a square plot and the line y = x.
  bool same_xy = false;
};

// Axes have round-number ticks (report/axis_ticks.hpp). Throws std::invalid_argument if a
// series has mismatched x/y sizes, a NaN or infinity, or a value <= 0 on a log axis.
std::string svg_plot(const std::vector<Series>& series, const PlotOptions& options);

// Horizontal bars, one per label (values >= 0), with the value printed beside each.
std::string svg_bars(const std::vector<std::string>& labels, const std::vector<double>& values,
                     const PlotOptions& options);

}  // namespace codesign::report
