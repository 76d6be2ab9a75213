// Geometry-independent types and constants of the accelerator: the command encoding
// (mirrored by arch/isa.cpp) and the fixed widths of the memory-port data buses.
package codesign_pkg;

  // Memory-port data buses have fixed widths for every configuration, so that one SystemC
  // harness serves all Verilated builds: 64 lanes of 16-bit data, 64 lanes of 32-bit sums.
  localparam int unsigned MaxLanes = 64;
  localparam int unsigned RdDataW  = MaxLanes * 16;
  localparam int unsigned WrDataW  = MaxLanes * 32;

  typedef enum logic [7:0] {
    OpLoad    = 8'd1,
    OpCompute = 8'd2,
    OpStore   = 8'd3,
    OpSync    = 8'd4
  } opcode_e;

  // One command: three 64-bit words {w2, w1, w0}; field meaning per opcode in arch/isa.cpp.
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

  // PE array operating modes, broadcast to every PE.
  typedef enum logic [2:0] {
    PeHold  = 3'd0,  // keep accumulators
    PeClear = 3'd1,  // zero accumulators (start of an output-stationary tile)
    PeOsMac = 3'd2,  // acc += a * b; operands shift right and down
    PeWsMac = 3'd3,  // acc = psum from above + a * w; partial sums flow down
    PeDrain = 3'd4   // acc = acc of the PE below; results leave through row 0
  } pe_mode_e;

endpackage : codesign_pkg
