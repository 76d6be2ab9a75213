// An on-chip SRAM of Depth vectors split into Banks block-partitioned banks
// (bank = addr / (Depth / Banks)). Each bank serves one access per cycle on its shared port:
// port A always wins, port B is granted only when A does not touch the same bank. With
// HasWritePort, each bank also has a dedicated write port W (1R1W), used by the
// accumulator buffer's read-modify-write. Reads return data the next cycle and hold it.
module banked_sram #(
  parameter int unsigned Width        = 64,
  parameter int unsigned Depth        = 256,
  parameter int unsigned Banks        = 1,
  parameter int unsigned HasWritePort = 0,
  localparam int unsigned AddrW       = (Depth > 1) ? $clog2(Depth) : 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // port A: priority
  input  logic             a_req_i,
  input  logic             a_we_i,
  input  logic [AddrW-1:0] a_addr_i,
  input  logic [Width-1:0] a_wdata_i,
  output logic [Width-1:0] a_rdata_o,
  // port B: granted when its bank is free
  input  logic             b_req_i,
  input  logic             b_we_i,
  input  logic [AddrW-1:0] b_addr_i,
  input  logic [Width-1:0] b_wdata_i,
  output logic             b_gnt_o,
  output logic [Width-1:0] b_rdata_o,
  // port W: dedicated write port (only with HasWritePort)
  input  logic             w_req_i,
  input  logic [AddrW-1:0] w_addr_i,
  input  logic [Width-1:0] w_wdata_i,
  // activity
  output logic [63:0]      reads_o,
  output logic [63:0]      writes_o,
  output logic [63:0]      conflicts_o,
  input  logic             clear_counters_i
);
  localparam int unsigned BankDepth = Depth / Banks;

  logic [Width-1:0] mem_q [Depth];
  logic [63:0] reads_q, writes_q, conflicts_q;

  function automatic logic [AddrW-1:0] bank_of(input logic [AddrW-1:0] addr);
    bank_of = AddrW'(32'(addr) / BankDepth);
  endfunction

  wire conflict = a_req_i && b_req_i && (bank_of(a_addr_i) == bank_of(b_addr_i));
  assign b_gnt_o = b_req_i && !conflict;
  wire b_go = b_gnt_o;
  wire w_go = (HasWritePort != 0) && w_req_i;

  always_ff @(posedge clk_i) begin : p_access
    if (a_req_i) begin
      if (a_we_i) mem_q[a_addr_i] <= a_wdata_i;
      else a_rdata_o <= mem_q[a_addr_i];
    end
    if (b_go) begin
      if (b_we_i) mem_q[b_addr_i] <= b_wdata_i;
      else b_rdata_o <= mem_q[b_addr_i];
    end
    if (w_go) mem_q[w_addr_i] <= w_wdata_i;
  end : p_access

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_counters
    if (!rst_ni) begin
      reads_q     <= '0;
      writes_q    <= '0;
      conflicts_q <= '0;
    end else if (clear_counters_i) begin
      reads_q     <= '0;
      writes_q    <= '0;
      conflicts_q <= '0;
    end else begin
      reads_q     <= reads_q + 64'(a_req_i && !a_we_i) + 64'(b_go && !b_we_i);
      writes_q    <= writes_q + 64'(a_req_i && a_we_i) + 64'(b_go && b_we_i) + 64'(w_go);
      conflicts_q <= conflicts_q + 64'(conflict);
    end
  end : p_counters

  assign reads_o     = reads_q;
  assign writes_o    = writes_q;
  assign conflicts_o = conflicts_q;

`ifndef SYNTHESIS
  // Addresses index mem_q directly: one beyond Depth (Depth not a power of two) is lost.
  a_a_addr_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
      a_req_i |-> 32'(a_addr_i) < Depth)
    else $error("banked_sram: port A address %0d beyond %0d entries", a_addr_i, Depth);
  a_b_addr_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
      b_req_i |-> 32'(b_addr_i) < Depth)
    else $error("banked_sram: port B address %0d beyond %0d entries", b_addr_i, Depth);
  a_w_addr_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_req_i |-> 32'(w_addr_i) < Depth)
    else $error("banked_sram: port W address %0d beyond %0d entries", w_addr_i, Depth);
  a_w_port_built: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_req_i |-> HasWritePort != 0)
    else $error("banked_sram: a port W write without HasWritePort is dropped");
  // Two writes to one entry in one cycle: which one lands is not defined.
  a_one_write_per_entry: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_go |-> !(a_req_i && a_we_i && a_addr_i == w_addr_i) &&
               !(b_go && b_we_i && b_addr_i == w_addr_i))
    else $error("banked_sram: port W writes entry %0d in the same cycle as port A or B",
                w_addr_i);
`endif

endmodule : banked_sram
