// A duration as the build cache and the runner print it in their messages ("12.5 s").
#pragma once

#include <cstdio>
#include <string>

namespace codesign::systemc {

inline std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", s);
  return text;
}

}  // namespace codesign::systemc
