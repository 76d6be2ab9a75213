#include "report/design_drawing.hpp"

#include <algorithm>
#include <sstream>

#include "arch/hw_config.hpp"
#include "area/area_model.hpp"
#include "report/svg_plot.hpp"

namespace codesign::report {

namespace {

std::string banks(std::uint32_t n) { return std::to_string(n) + (n == 1 ? " bank" : " banks"); }

// A block, and its label at (label_x, label_y), joined to it by a leader line if `leader`.
void draw_block(std::ostringstream& s, const Block& b, const std::string& unit, double total,
                double x, double y, double w, double h, const char* fill, double label_x,
                double label_y, bool leader) {
  s << "<rect class=\"block\" data-name=\"" << escape_markup(b.name) << "\" data-size=\"" << b.size
    << "\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << w << "\" height=\"" << h << "\" fill=\""
    << fill << "\" stroke=\"#333\"/>\n";
  if (leader)
    s << "<line x1=\"" << x + w << "\" y1=\"" << y + h / 2 << "\" x2=\"" << label_x - 4
      << "\" y2=\"" << label_y - 4 << "\" stroke=\"#999\"/>\n";
  s << "<text class=\"label\" x=\"" << label_x << "\" y=\"" << label_y
    << "\"><tspan font-weight=\"bold\">" << escape_markup(b.name) << "</tspan> "
    << escape_markup(b.detail);
  if (b.size > 0) {
    s << "<tspan x=\"" << label_x << "\" dy=\"14\">" << short_number(b.size) << " " << unit;
    if (total > 0) s << " (" << short_number(100 * b.size / total) << "%)";
    s << "</tspan>";
  }
  s << "</text>\n";
}

// The PE grid inside (x, y, w, h): a line between every row and every column when a PE is
// at least 3 px, else the outline only.
void draw_pe_grid(std::ostringstream& s, int rows, int cols, double x, double y, double w,
                  double h) {
  const double pw = w / cols, ph = h / rows;
  if (pw < 3 || ph < 3) return;
  s << "<g class=\"pe-grid\" stroke=\"#fff\" stroke-width=\"0.7\">";
  for (int r = 1; r < rows; ++r)
    s << "<line x1=\"" << x << "\" x2=\"" << x + w << "\" y1=\"" << y + r * ph << "\" y2=\""
      << y + r * ph << "\"/>";
  for (int c = 1; c < cols; ++c)
    s << "<line y1=\"" << y << "\" y2=\"" << y + h << "\" x1=\"" << x + c * pw << "\" x2=\""
      << x + c * pw << "\"/>";
  s << "</g>\n";
}

}  // namespace

DesignDrawing design_drawing(const nlohmann::json& hw_json, double area_mm2) {
  const arch::BuildConfig b = arch::hw_config_from_json(hw_json, "study: hw").build;
  DesignDrawing d;
  d.rows = b.rows;
  d.cols = b.cols;
  d.array = {"PE array",
             std::to_string(b.rows) + " × " + std::to_string(b.cols) + " PEs, " +
                 std::to_string(b.data_width) + "/" + std::to_string(b.acc_width) + "-bit",
             0};
  // Sized by capacity (KiB) unless the study's area is known.
  d.buffers = {{"input buffer", banks(b.input.banks), b.input.bytes / 1024.0},
               {"weight buffer", banks(b.weight.banks), b.weight.bytes / 1024.0},
               {"accumulator buffer", banks(b.accumulator.banks), b.accumulator.bytes / 1024.0}};
  if (area_mm2 > 0) {
    // The SRAM part of the area model, as the study priced it: no logic coefficients needed.
    const area::AreaBreakdown sram =
        area::estimate_area(b, {}, area::load_sram_model(area::default_sram_model_path()));
    const double logic_mm2 = area_mm2 - sram.sram_um2() * 1e-6;
    if (logic_mm2 > 0) {
      d.unit = "mm²";
      d.array_to_scale = true;
      d.array.name = "PE array and control";
      d.array.size = logic_mm2;
      const double um2[] = {sram.input_buffer_um2, sram.weight_buffer_um2,
                            sram.accumulator_buffer_um2};
      for (std::size_t i = 0; i < d.buffers.size(); ++i) {
        d.buffers[i].detail = short_number(d.buffers[i].size) + " KiB, " + d.buffers[i].detail;
        d.buffers[i].size = um2[i] * 1e-6;
      }
      d.note = "Drawn to scale by area: the study's " + short_number(area_mm2) +
               " mm² in all; each buffer from the SRAM capacity model "
               "(configs/area/sram_45nm.json), the PE array with its edge and control logic "
               "the rest.";
      return d;
    }
    d.note = "The recorded area (" + short_number(area_mm2) +
             " mm²) is below the buffers' modelled area, so it is not used. ";
  }
  d.unit = "KiB";
  d.note +=
      "The buffers are drawn to scale by capacity; the PE array's shape is drawn beside "
      "them, not to scale (the study recorded no area: <code>codesign search "
      "--area</code>).";
  return d;
}

std::string svg_design(const DesignDrawing& d) {
  const double left = 10, top = 10, height = 280, width = 520;  // the chip, to scale
  // Without an area the array is drawn apart, in a box of at most 150 px, left of the chip.
  const double apart = d.array_to_scale ? 0 : 170;
  const double label_x = left + apart + width + 20, svg_w = label_x + 290;
  const char* const buffer_fill[] = {"#9ecae1", "#a1d99b", "#fdd0a2"};
  double buffers = 0;
  for (const Block& b : d.buffers) buffers += b.size;
  const double total = buffers + (d.array_to_scale ? d.array.size : 0);

  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << svg_w << "\" height=\""
    << top + height + 48 << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  // The array: a column of the chip's full height, as wide as its share of the area; or, when
  // its area is unknown, a box of its own aspect ratio apart from the chip. Labelled below.
  double array_w = total > 0 ? width * d.array.size / total : 0, array_h = height;
  if (!d.array_to_scale) {
    const double pe = std::min(150.0 / d.cols, 150.0 / d.rows);
    array_w = pe * d.cols;
    array_h = pe * d.rows;
  }
  draw_block(s, d.array, d.unit, total, left, top, array_w, array_h, "#6b6ecf", left,
             top + array_h + 16, false);
  draw_pe_grid(s, d.rows, d.cols, left, top, array_w, array_h);
  if (!d.array_to_scale)
    s << "<text x=\"" << left << "\" y=\"" << top + array_h + 44 << "\" fill=\"#555\">"
      << "(not to scale)</text>\n";
  // The buffers: stacked in the rest of the chip, each as tall as its share of the buffers;
  // their labels on the right beside them, moved apart to be two lines from each other.
  const double buffer_x = left + (d.array_to_scale ? array_w : apart);
  const double buffer_w = width - (d.array_to_scale ? array_w : 0);
  const double spacing = 34;
  std::vector<double> y(d.buffers.size() + 1, top), label_y(d.buffers.size());
  for (std::size_t i = 0; i < d.buffers.size(); ++i) {
    y[i + 1] = y[i] + (buffers > 0 ? height * d.buffers[i].size / buffers : 0);
    label_y[i] = std::max((y[i] + y[i + 1]) / 2, i ? label_y[i - 1] + spacing : top + 10);
  }
  for (std::size_t i = d.buffers.size(); i-- > 0;)
    label_y[i] =
        std::min(label_y[i], i + 1 < d.buffers.size() ? label_y[i + 1] - spacing : top + height);
  for (std::size_t i = 0; i < d.buffers.size(); ++i)
    draw_block(s, d.buffers[i], d.unit, total, buffer_x, y[i], buffer_w, y[i + 1] - y[i],
               buffer_fill[i % 3], label_x, label_y[i], true);
  s << "</svg>\n";
  return s.str();
}

}  // namespace codesign::report
