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
  bool lines = true;  // false: markers only (a scatter)
};

struct PlotOptions {
  std::string title, x_label, y_label;
  bool log_y = false;
  int width = 640, height = 400;
};

// Throws std::invalid_argument if a series has mismatched x/y sizes or, with log_y, a
// non-positive y.
std::string svg_plot(const std::vector<Series>& series, const PlotOptions& options);

// Horizontal bars, one per label (values >= 0), with the value printed beside each.
std::string svg_bars(const std::vector<std::string>& labels, const std::vector<double>& values,
                     const PlotOptions& options);

}  // namespace codesign::report
