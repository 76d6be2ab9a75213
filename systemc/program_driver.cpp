#include "systemc/program_driver.hpp"

namespace codesign::systemc {

ProgramDriver::ProgramDriver(sc_core::sc_module_name name, AccelSignals& s)
    : sc_core::sc_module(name), s_(s) {
  SC_METHOD(on_clock);
  sensitive << start_;
  dont_initialize();
}

void ProgramDriver::start(const arch::Program& program) {
  words_.clear();
  for (const arch::Command& c : program) words_.push_back(arch::encode(c));
  next_ = 0;
  active_ = false;
  start_.notify(sc_core::SC_ZERO_TIME);
}

void ProgramDriver::present() {
  if (next_ < words_.size()) {
    s_.cmd_w0.write(words_[next_][0]);
    s_.cmd_w1.write(words_[next_][1]);
    s_.cmd_w2.write(words_[next_][2]);
    s_.cmd_valid.write(true);
    next_trigger(s_.clk.posedge_event());
  } else {
    s_.cmd_valid.write(false);
    active_ = false;
    all_sent_.notify(sc_core::SC_ZERO_TIME);
    next_trigger(start_);
  }
}

void ProgramDriver::on_clock() {
  if (!active_) {  // woken by start()
    active_ = true;
    present();
    return;
  }
  if (s_.cmd_valid.read() && s_.cmd_ready.read()) ++next_;
  present();
}

}  // namespace codesign::systemc
