// The signals around the Verilated accelerator, one per port of accel_interface.hpp's
// table. Port widths are fixed for every configuration (see rtl/codesign_pkg.sv), so one
// harness serves every build.
#pragma once

#include <systemc.h>

#include <cstdint>

#include "systemc/accel_interface.hpp"

namespace codesign::systemc {

struct AccelSignals {
  sc_core::sc_clock clk{"clk", 1, sc_core::SC_NS};
  sc_core::sc_signal<bool> rst_n{"rst_n"};
  sc_core::sc_signal<bool> cmd_valid{"cmd_valid"}, cmd_ready{"cmd_ready"};
  sc_core::sc_signal<std::uint64_t> cmd_w0{"cmd_w0"}, cmd_w1{"cmd_w1"}, cmd_w2{"cmd_w2"};
  sc_core::sc_signal<bool> idle{"idle"}, error{"error"};
  sc_core::sc_signal<bool> rd_req_valid{"rd_req_valid"}, rd_req_ready{"rd_req_ready"};
  sc_core::sc_signal<std::uint32_t> rd_req_addr{"rd_req_addr"}, rd_req_len{"rd_req_len"},
      rd_req_stride{"rd_req_stride"};
  sc_core::sc_signal<bool> rd_rsp_valid{"rd_rsp_valid"}, rd_rsp_ready{"rd_rsp_ready"};
  sc_core::sc_signal<sc_dt::sc_bv<kRdDataBits>> rd_rsp_data{"rd_rsp_data"};
  sc_core::sc_signal<bool> wr_valid{"wr_valid"}, wr_ready{"wr_ready"};
  sc_core::sc_signal<std::uint32_t> wr_addr{"wr_addr"}, wr_len{"wr_len"}, wr_stride{"wr_stride"};
  sc_core::sc_signal<sc_dt::sc_bv<kWrDataBits>> wr_data{"wr_data"};
  sc_core::sc_signal<bool> clear_counters{"clear_counters"};
  sc_core::sc_signal<std::uint32_t> ctr_sel{"ctr_sel"};
  sc_core::sc_signal<std::uint64_t> ctr{"ctr"};
};

}  // namespace codesign::systemc
