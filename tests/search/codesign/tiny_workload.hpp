// A two-shape network (a 3x3 convolution twice, a small FC) for the co-design tests: big
// enough to need real mappings, small enough to map in milliseconds.
#pragma once

#include "mapping/workload.hpp"

namespace codesign::tests {

inline mapping::Workload tiny_workload() {
  mapping::Workload w;
  w.name = "tiny";
  mapping::Layer conv;
  conv.name = "conv";
  conv.c = 8;
  conv.k = 16;
  conv.h = conv.w = 10;
  conv.r = conv.s = 3;
  conv.padding = 1;
  mapping::Layer fc;
  fc.name = "fc";
  fc.kind = mapping::LayerKind::kFullyConnected;
  fc.c = 64;
  fc.k = 10;
  w.layers = {conv, fc, conv};
  w.layers[2].name = "conv-again";
  return w;
}

}  // namespace codesign::tests
