// Geometry-independent types and constants of the accelerator: the hardware/software
// contract. The C++ side mirrors it in arch/isa.hpp (opcodes, command fields and flags),
// systemc/accel_interface.hpp (ports, counter indices, bus widths) and mapping/timing.hpp
// (queue depth, load tags); tests/rtl/rtl_contract_test.cpp parses this file and fails when
// the two sides differ.
package codesign_pkg;

  // Memory-port data buses have fixed widths for every configuration, so that one SystemC
  // harness serves all Verilated builds: 64 lanes of 16-bit data, 64 lanes of 32-bit sums.
  localparam int unsigned MaxLanes = 64;
  localparam int unsigned RdLaneW  = 16;
  localparam int unsigned WrLaneW  = 32;
  localparam int unsigned RdDataW  = MaxLanes * RdLaneW;
  localparam int unsigned WrDataW  = MaxLanes * WrLaneW;

  // Depth of each engine's command queue (accel_top) and read requests a LOAD may have in
  // flight (load_engine's tag FIFO): the analytical model's timing depends on both.
  localparam int unsigned CmdQueueDepth = 4;
  localparam int unsigned LoadTags      = 32;

  typedef enum logic [7:0] {
    OpLoad    = 8'd1,
    OpCompute = 8'd2,
    OpStore   = 8'd3,
    OpSync    = 8'd4
  } opcode_e;

  // Bits of cmd_t.flags.
  localparam int unsigned FlagWeightBuf   = 0;  // LOAD: into the weight buffer
  localparam int unsigned FlagAccumulate  = 0;  // COMPUTE: add to the accumulators
  localparam int unsigned FlagKeepWeights = 1;  // COMPUTE: reuse the array's weights
  localparam int unsigned FlagWs          = 2;  // COMPUTE: weight-stationary

  // One command: three 64-bit words {w2, w1, w0}; field meaning per opcode in arch/isa.hpp.
  typedef struct packed {
    logic [31:0] vec_stride;   // w2
    logic [15:0] elem_stride;
    logic [15:0] len2;
    logic [15:0] len1;         // w1
    logic [15:0] len0;
    logic [31:0] dram_addr;
    logic [15:0] addr2;        // w0
    logic [15:0] addr1;
    logic [15:0] addr0;
    logic [7:0]  flags;
    logic [7:0]  op;
  } cmd_t;

  // Activity counters, read through accel_top's ctr_sel_i / ctr_o.
  typedef enum logic [4:0] {
    CtrCycles        = 5'd0,
    CtrMacs          = 5'd1,
    CtrZeroMacs      = 5'd2,
    CtrInputToggles  = 5'd3,
    CtrWeightToggles = 5'd4,
    CtrInputReads    = 5'd5,
    CtrInputWrites   = 5'd6,
    CtrWeightReads   = 5'd7,
    CtrWeightWrites  = 5'd8,
    CtrAccReads      = 5'd9,
    CtrAccWrites     = 5'd10,
    CtrExecBusy      = 5'd11,
    CtrLoadBusy      = 5'd12,
    CtrStoreBusy     = 5'd13,
    CtrBankConflicts = 5'd14,
    CtrDramStall     = 5'd15,
    CtrIdle          = 5'd16,
    CtrNone          = 5'd31  // selects nothing: ctr_o reads 0
  } ctr_sel_e;

  // PE array operating modes, broadcast to every PE.
  typedef enum logic [2:0] {
    PeHold  = 3'd0,  // keep accumulators
    PeClear = 3'd1,  // zero accumulators (start of an output-stationary tile)
    PeOsMac = 3'd2,  // acc += a * b; operands shift right and down
    PeWsMac = 3'd3,  // acc = psum from above + a * w; partial sums flow down
    PeDrain = 3'd4   // acc = acc of the PE below; results leave through row 0
  } pe_mode_e;

endpackage : codesign_pkg
