#include "report/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "report/axis_ticks.hpp"

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

namespace {

// One axis of a plot: round-number ticks over the data, and where a value falls on it
// (0 at lo, 1 at hi).
struct PlotAxis {
  Axis axis;
  bool log;
  double fraction(double v) const {
    return log ? (std::log10(v) - std::log10(axis.lo)) / (std::log10(axis.hi) - std::log10(axis.lo))
               : (v - axis.lo) / (axis.hi - axis.lo);
  }
};

PlotAxis plot_axis(double lo, double hi, bool log, bool integer, int target) {
  if (!(lo <= hi)) lo = hi = log ? 1 : 0;  // no data
  return {log ? log_axis(lo, hi, target) : linear_axis(lo, hi, target, integer), log};
}

// A tick label; a decade "10^k" is drawn with a raised k.
std::string tick_text(const Tick& t) {
  if (t.label.rfind("10^", 0) != 0) return escape_markup(t.label);
  return "10<tspan dy=\"-5\" font-size=\"8\">" + t.label.substr(3) + "</tspan>";
}

}  // namespace

std::string svg_plot(const std::vector<Series>& series, const PlotOptions& o) {
  const double inf = std::numeric_limits<double>::infinity();
  double x0 = inf, x1 = -inf, y0 = inf, y1 = -inf;
  for (const Series& s : series) {
    if (s.x.size() != s.y.size())
      throw std::invalid_argument("svg_plot: series " + s.name + " has mismatched x and y");
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]))
        throw std::invalid_argument("svg_plot: series " + s.name + " has a NaN or infinity");
      if ((o.log_x && !(s.x[i] > 0)) || (o.log_y && !(s.y[i] > 0)))
        throw std::invalid_argument("svg_plot: series " + s.name +
                                    " has a value <= 0 on a log axis");
      x0 = std::min(x0, s.x[i]);
      x1 = std::max(x1, s.x[i]);
      y0 = std::min(y0, s.y[i]);
      y1 = std::max(y1, s.y[i]);
    }
  }
  const double left = 70, right = 160, top = 30, bottom = 45;
  double w = o.width - left - right, h = o.height - top - bottom;
  if (o.same_xy) {
    if (o.log_x != o.log_y) throw std::invalid_argument("svg_plot: same_xy with one log axis");
    w = h = std::min(w, h);
    x0 = y0 = std::min(x0, y0);
    x1 = y1 = std::max(x1, y1);
  }
  const PlotAxis ax = plot_axis(x0, x1, o.log_x, o.integer_x, std::max(2, int(w / 90)));
  const PlotAxis ay = o.same_xy ? ax : plot_axis(y0, y1, o.log_y, false, std::max(2, int(h / 50)));
  auto px = [&](double x) { return left + ax.fraction(x) * w; };
  auto py = [&](double y) { return top + (1 - ay.fraction(y)) * h; };

  std::ostringstream s;
  const double height = top + h + bottom;  // less than asked for when squared
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << o.width << "\" height=\"" << height
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  s << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s << "<text x=\"" << left << "\" y=\"18\" font-size=\"13\" font-weight=\"bold\">"
    << escape_markup(o.title) << "</text>\n";
  for (const Tick& t : ax.axis.ticks)
    s << "<line x1=\"" << px(t.value) << "\" x2=\"" << px(t.value) << "\" y1=\"" << top
      << "\" y2=\"" << top + h << "\" stroke=\"#eee\"/><text class=\"x-tick\" x=\"" << px(t.value)
      << "\" y=\"" << top + h + 15 << "\" text-anchor=\"middle\">" << tick_text(t) << "</text>\n";
  for (const Tick& t : ay.axis.ticks)
    s << "<line x1=\"" << left << "\" x2=\"" << left + w << "\" y1=\"" << py(t.value) << "\" y2=\""
      << py(t.value) << "\" stroke=\"#eee\"/><text class=\"y-tick\" x=\"" << left - 5 << "\" y=\""
      << py(t.value) + 4 << "\" text-anchor=\"end\">" << tick_text(t) << "</text>\n";
  s << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << w << "\" height=\"" << h
    << "\" fill=\"none\" stroke=\"#444\"/>\n";
  s << "<text x=\"" << left + w / 2 << "\" y=\"" << height - 8 << "\" text-anchor=\"middle\">"
    << escape_markup(o.x_label) << "</text>\n";
  s << "<text transform=\"translate(14," << top + h / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
    << escape_markup(o.y_label) << "</text>\n";
  if (o.same_xy) {
    const double lo = ax.axis.lo, hi = ax.axis.hi, ly = top + 12 + 16 * double(series.size());
    s << "<line class=\"diagonal\" x1=\"" << px(lo) << "\" y1=\"" << py(lo) << "\" x2=\"" << px(hi)
      << "\" y2=\"" << py(hi) << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n<line x1=\""
      << left + w + 10 << "\" x2=\"" << left + w + 28 << "\" y1=\"" << ly << "\" y2=\"" << ly
      << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/><text x=\"" << left + w + 32 << "\" y=\""
      << ly + 4 << "\">y = x</text>\n";
  }
  for (std::size_t k = 0; k < series.size(); ++k) {
    const Series& se = series[k];
    const char* colour = kColours[k % (sizeof kColours / sizeof *kColours)];
    s << "<g class=\"series\" data-name=\"" << escape_markup(se.name) << "\">\n";
    if (se.lines && se.x.size() > 1) {
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
