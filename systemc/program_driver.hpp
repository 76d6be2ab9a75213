// Feeds a program to the accelerator's command port, one command per accepted handshake.
#pragma once

#include <systemc.h>

#include <cstddef>
#include <vector>

#include "arch/isa.hpp"
#include "systemc/accel_signals.hpp"

namespace codesign::systemc {

class ProgramDriver : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(ProgramDriver);
  ProgramDriver(sc_core::sc_module_name name, AccelSignals& s);

  void start(const arch::Program& program);
  // Notified at the edge where the last command was accepted.
  const sc_core::sc_event& all_sent() const { return all_sent_; }
  std::size_t sent() const { return next_; }

 private:
  void on_clock();
  void present();

  AccelSignals& s_;
  std::vector<arch::EncodedCommand> words_;
  std::size_t next_ = 0;
  bool active_ = false;
  sc_core::sc_event start_, all_sent_;
};

}  // namespace codesign::systemc
