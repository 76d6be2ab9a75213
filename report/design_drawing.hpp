// A to-scale drawing of a design: its PE array (rows × cols) and its three buffers, each
// drawn with an area proportional to its size. With the study's area figure the sizes are
// mm² (the buffers from the SRAM capacity model, the array with its edge and control logic
// the rest of the recorded area); without one, the buffers are drawn by capacity and the
// array, whose size in bytes means nothing, beside them and not to scale.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace codesign::report {

struct Block {
  std::string name;    // "input buffer"
  std::string detail;  // "128 KiB, 2 banks"
  double size = 0;     // in the drawing's unit
};

struct DesignDrawing {
  int rows = 0, cols = 0;
  std::string unit;             // "mm²" or "KiB"
  bool array_to_scale = false;  // false: the array's size is unknown and it is drawn apart
  Block array;
  std::vector<Block> buffers;  // input, weight, accumulator
  std::string note;            // where the sizes come from
};

// From a trial's hardware point (its `params["hw"]`) and its recorded area (0: none).
// Throws util::ConfigError if `hw` is not a valid hardware point.
DesignDrawing design_drawing(const nlohmann::json& hw, double area_mm2);

// Each block is a <rect class="block" data-name=... data-size=...>, labelled with its name,
// detail, size and share; the array's PEs are drawn as a grid when they are big enough.
std::string svg_design(const DesignDrawing& d);

}  // namespace codesign::report
