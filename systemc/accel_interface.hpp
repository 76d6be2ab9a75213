// The accelerator's interface as software sees it: accel_top's ports, the widths of its
// memory data buses and the indices of its activity counters. rtl/accel_top.sv and
// rtl/codesign_pkg.sv are the source; tests/rtl/rtl_contract_test.cpp parses them and fails
// when this file differs. No SystemC here: the design export uses the port list too.
#pragma once

#include <cstdint>

namespace codesign::systemc {

// accel_top's ports in declaration order: X(direction, SV type, port, harness signal).
// The SystemC binder (model_binder.cpp.in) binds each port to AccelSignals::signal, so a
// port missing here or a signal of the wrong type fails to compile or to elaborate.
#define CODESIGN_ACCEL_PORTS(X)                                             \
  X(input, "logic", clk_i, clk)                                             \
  X(input, "logic", rst_ni, rst_n)                                          \
  X(input, "logic", cmd_valid_i, cmd_valid)                                 \
  X(output, "logic", cmd_ready_o, cmd_ready)                                \
  X(input, "logic [63:0]", cmd_w0_i, cmd_w0)                                \
  X(input, "logic [63:0]", cmd_w1_i, cmd_w1)                                \
  X(input, "logic [63:0]", cmd_w2_i, cmd_w2)                                \
  X(output, "logic", idle_o, idle)                                          \
  X(output, "logic", error_o, error)                                        \
  X(output, "logic", rd_req_valid_o, rd_req_valid)                          \
  X(input, "logic", rd_req_ready_i, rd_req_ready)                           \
  X(output, "logic [31:0]", rd_req_addr_o, rd_req_addr)                     \
  X(output, "logic [7:0]", rd_req_len_o, rd_req_len)                        \
  X(output, "logic [15:0]", rd_req_stride_o, rd_req_stride)                 \
  X(input, "logic", rd_rsp_valid_i, rd_rsp_valid)                           \
  X(output, "logic", rd_rsp_ready_o, rd_rsp_ready)                          \
  X(input, "logic [codesign_pkg::RdDataW-1:0]", rd_rsp_data_i, rd_rsp_data) \
  X(output, "logic", wr_valid_o, wr_valid)                                  \
  X(input, "logic", wr_ready_i, wr_ready)                                   \
  X(output, "logic [31:0]", wr_addr_o, wr_addr)                             \
  X(output, "logic [7:0]", wr_len_o, wr_len)                                \
  X(output, "logic [15:0]", wr_stride_o, wr_stride)                         \
  X(output, "logic [codesign_pkg::WrDataW-1:0]", wr_data_o, wr_data)        \
  X(input, "logic", clear_counters_i, clear_counters)                       \
  X(input, "logic [4:0]", ctr_sel_i, ctr_sel)                               \
  X(output, "logic [63:0]", ctr_o, ctr)

// One port of the table, as text.
struct AccelPort {
  const char* direction;
  const char* type;
  const char* name;
};
#define CODESIGN_PORT_TEXT(direction, type, port, signal) {#direction, type, #port},
inline constexpr AccelPort kAccelPorts[] = {CODESIGN_ACCEL_PORTS(CODESIGN_PORT_TEXT)};
#undef CODESIGN_PORT_TEXT

// The memory data buses (codesign_pkg): lane j of a read response at [kRdLaneBits*j +: DataW],
// of a write at [kWrLaneBits*j +: AccW], for every configuration.
inline constexpr int kMaxLanes = 64;
inline constexpr int kRdLaneBits = 16, kWrLaneBits = 32;
inline constexpr int kRdDataBits = kMaxLanes * kRdLaneBits;
inline constexpr int kWrDataBits = kMaxLanes * kWrLaneBits;

// codesign_pkg::ctr_sel_e: accel_top's counters by ctr_sel_i. DRAM bytes are counted by the
// memory system.
enum CounterIndex : std::uint32_t {
  kCtrCycles = 0,
  kCtrMacs = 1,
  kCtrZeroMacs = 2,
  kCtrInputToggles = 3,
  kCtrWeightToggles = 4,
  kCtrInputReads = 5,
  kCtrInputWrites = 6,
  kCtrWeightReads = 7,
  kCtrWeightWrites = 8,
  kCtrAccReads = 9,
  kCtrAccWrites = 10,
  kCtrExecBusy = 11,
  kCtrLoadBusy = 12,
  kCtrStoreBusy = 13,
  kCtrBankConflicts = 14,
  kCtrDramStall = 15,
  kCtrIdle = 16,
  kCtrNone = 31  // selects nothing: ctr stays 0 and costs no events while running
};

}  // namespace codesign::systemc
