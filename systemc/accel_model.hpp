// What the generated per-configuration binder (systemc/model_binder.cpp.in) provides: the
// Verilated accelerator bound to the harness's signals.
#pragma once

#include <systemc.h>

#include <memory>
#include <string>

#include "systemc/accel_signals.hpp"

namespace codesign::systemc {

class AccelModel {
 public:
  virtual ~AccelModel() = default;
  // Starts a VCD trace of the whole model; throws if the build has no tracing.
  virtual void open_trace(const std::string& file) = 0;
  virtual void close_trace() = 0;
};

std::unique_ptr<AccelModel> make_accel_model(AccelSignals& s);
// The BuildConfig::key() this model was verilated from.
const char* accel_build_key();

}  // namespace codesign::systemc
