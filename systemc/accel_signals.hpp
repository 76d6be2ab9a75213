// The signals around the Verilated accelerator. Port widths are fixed for every
// configuration (see rtl/codesign_pkg.sv), so one harness serves every build.
#pragma once

#include <systemc.h>

#include <cstdint>

namespace codesign::systemc {

inline constexpr int kRdDataBits = 64 * 16;  // codesign_pkg::RdDataW: lane j at [16j +: DataW]
inline constexpr int kWrDataBits = 64 * 32;  // codesign_pkg::WrDataW: lane j at [32j +: AccW]

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

// Counter indices of accel_top's ctr_sel_i; DRAM bytes are counted by the memory system.
enum CounterIndex : std::uint32_t {
  kCtrCycles = 0,
  kCtrMacs,
  kCtrZeroMacs,
  kCtrInputToggles,
  kCtrWeightToggles,
  kCtrInputReads,
  kCtrInputWrites,
  kCtrWeightReads,
  kCtrWeightWrites,
  kCtrAccReads,
  kCtrAccWrites,
  kCtrExecBusy,
  kCtrLoadBusy,
  kCtrStoreBusy,
  kCtrBankConflicts,
  kCtrDramStall,
  kCtrIdle,
  kCtrCount,
  kCtrNone = 31  // selects nothing: ctr stays 0 and costs no events while running
};

}  // namespace codesign::systemc
