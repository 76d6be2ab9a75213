#include "report/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace codesign::report {

namespace {

const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

}  // namespace

std::string escape_markup(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string svg_plot(const std::vector<Series>& series, const PlotOptions& o) {
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (const Series& s : series) {
    if (s.x.size() != s.y.size())
      throw std::invalid_argument("svg_plot: series " + s.name + " has mismatched x and y");
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      if (o.log_y && !(s.y[i] > 0))
        throw std::invalid_argument("svg_plot: series " + s.name + " has y <= 0 on a log axis");
      const double y = o.log_y ? std::log10(s.y[i]) : s.y[i];
      x0 = std::min(x0, s.x[i]);
      x1 = std::max(x1, s.x[i]);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  if (!(x0 <= x1)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  if (x1 == x0) x1 = x0 + 1;
  if (y1 == y0) y1 = y0 + 1;
  const double pad = 0.05 * (y1 - y0);
  y0 -= pad;
  y1 += pad;
  const double left = 70, right = 160, top = 30, bottom = 45;
  const double w = o.width - left - right, h = o.height - top - bottom;
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * w; };
  auto py = [&](double y) {
    return top + (1 - ((o.log_y ? std::log10(y) : y) - y0) / (y1 - y0)) * h;
  };

  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << o.width << "\" height=\"" << o.height
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  s << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s << "<text x=\"" << left << "\" y=\"18\" font-size=\"13\" font-weight=\"bold\">"
    << escape_markup(o.title) << "</text>\n";
  s << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << w << "\" height=\"" << h
    << "\" fill=\"none\" stroke=\"#444\"/>\n";
  for (int i = 0; i <= 4; ++i) {  // ticks
    const double fx = x0 + (x1 - x0) * i / 4, fy = y0 + (y1 - y0) * i / 4;
    const double yv = o.log_y ? std::pow(10, fy) : fy;
    s << "<text x=\"" << px(fx) << "\" y=\"" << top + h + 15 << "\" text-anchor=\"middle\">"
      << short_number(fx) << "</text>\n";
    s << "<text x=\"" << left - 5 << "\" y=\"" << top + (1 - double(i) / 4) * h + 4
      << "\" text-anchor=\"end\">" << short_number(yv) << "</text>\n";
    s << "<line x1=\"" << left << "\" x2=\"" << left + w << "\" y1=\""
      << top + (1 - double(i) / 4) * h << "\" y2=\"" << top + (1 - double(i) / 4) * h
      << "\" stroke=\"#eee\"/>\n";
  }
  s << "<text x=\"" << left + w / 2 << "\" y=\"" << o.height - 8 << "\" text-anchor=\"middle\">"
    << escape_markup(o.x_label) << "</text>\n";
  s << "<text transform=\"translate(14," << top + h / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
    << escape_markup(o.y_label) << "</text>\n";
  for (std::size_t k = 0; k < series.size(); ++k) {
    const Series& se = series[k];
    const char* colour = kColours[k % (sizeof kColours / sizeof *kColours)];
    s << "<g class=\"series\" data-name=\"" << escape_markup(se.name) << "\">\n";
    if (se.lines && !se.x.empty()) {
      s << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1.8\" points=\"";
      for (std::size_t i = 0; i < se.x.size(); ++i) s << px(se.x[i]) << "," << py(se.y[i]) << " ";
      s << "\"/>\n";
    } else {
      for (std::size_t i = 0; i < se.x.size(); ++i)
        s << "<circle cx=\"" << px(se.x[i]) << "\" cy=\"" << py(se.y[i]) << "\" r=\"3\" fill=\""
          << colour << "\"/>\n";
    }
    s << "</g>\n";
    const double ly = top + 12 + 16 * static_cast<double>(k);
    s << "<line x1=\"" << left + w + 10 << "\" x2=\"" << left + w + 28 << "\" y1=\"" << ly
      << "\" y2=\"" << ly << "\" stroke=\"" << colour << "\" stroke-width=\"3\"/>\n";
    s << "<text x=\"" << left + w + 32 << "\" y=\"" << ly + 4 << "\">" << escape_markup(se.name)
      << "</text>\n";
  }
  s << "</svg>\n";
  return s.str();
}

std::string svg_bars(const std::vector<std::string>& labels, const std::vector<double>& values,
                     const PlotOptions& o) {
  if (labels.size() != values.size())
    throw std::invalid_argument("svg_bars: " + std::to_string(labels.size()) + " labels for " +
                                std::to_string(values.size()) + " values");
  double max = 0;
  for (const double v : values) {
    if (!(v >= 0)) throw std::invalid_argument("svg_bars: negative or NaN value");
    max = std::max(max, v);
  }
  const double left = 150, right = 90, top = 30, row = 20;
  const double height = top + row * static_cast<double>(values.size()) + 30;
  const double w = o.width - left - right;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << o.width << "\" height=\"" << height
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  s << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s << "<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" << escape_markup(o.title)
    << "</text>\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    const double len = max > 0 ? values[i] / max * w : 0;
    s << "<g class=\"bar\" data-name=\"" << escape_markup(labels[i]) << "\" data-value=\""
      << values[i] << "\">";
    s << "<text x=\"" << left - 6 << "\" y=\"" << y + 13 << "\" text-anchor=\"end\">"
      << escape_markup(labels[i]) << "</text>";
    s << "<rect x=\"" << left << "\" y=\"" << y + 3 << "\" width=\"" << len << "\" height=\""
      << row - 6 << "\" fill=\"" << kColours[0] << "\"/>";
    s << "<text x=\"" << left + len + 4 << "\" y=\"" << y + 13 << "\">" << short_number(values[i])
      << "</text></g>\n";
  }
  s << "<text x=\"" << left + w / 2 << "\" y=\"" << height - 8 << "\" text-anchor=\"middle\">"
    << escape_markup(o.x_label) << "</text>\n</svg>\n";
  return s.str();
}

}  // namespace codesign::report
