// Runs STORE commands: reads accumulator vectors (on the buffer's lower-priority port) into
// a small FIFO and sends each as one memory write request (scattered by the DMA).
module store_engine
#(
  parameter int unsigned Cols     = 4,
  parameter int unsigned AccW     = 32,
  parameter int unsigned AccAddrW = 8,
  parameter int unsigned Depth    = 4
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  // command
  input  logic                      cmd_valid_i,
  output logic                      cmd_ready_o,
  input  codesign_pkg::cmd_t        cmd_i,
  output logic                      busy_o,
  // accumulator buffer reads
  output logic                      acc_rd_req_o,
  output logic [AccAddrW-1:0]       acc_rd_addr_o,
  input  logic                      acc_rd_gnt_i,
  input  logic [Cols*AccW-1:0]      acc_rdata_i,  // lane i at [i*AccW +: AccW]
  // memory write requests
  output logic                      wr_valid_o,
  input  logic                      wr_ready_i,
  output logic [31:0]               wr_addr_o,
  output logic [7:0]                wr_len_o,
  output logic [15:0]               wr_stride_o,
  output logic [codesign_pkg::WrDataW-1:0] wr_data_o
);
  typedef struct packed {
    logic [Cols*AccW-1:0]      data;
    logic [31:0]               addr;
    logic [7:0]                len;
    logic [15:0]               stride;
  } beat_t;

  localparam int unsigned CountW = $clog2(Depth) + 1;

  logic        reading_q, inflight_q;
  logic [15:0] spad_q, left_q, elem_stride_q;
  logic [31:0] addr_q, vec_stride_q, inflight_addr_q;
  logic [7:0]  len_q;
  logic [CountW-1:0] count;
  logic        beat_valid;
  beat_t       beat;
  logic        beat_room, unused_empty;  // beat_room: checked by an assertion

  assign cmd_ready_o = !reading_q;
  // Read only when the FIFO will have room for the data, counting the read in flight.
  assign acc_rd_req_o  = reading_q && (32'(count) + 32'(inflight_q) < Depth);
  assign acc_rd_addr_o = AccAddrW'(spad_q);
  wire   rd_fire       = acc_rd_req_o && acc_rd_gnt_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_read
    if (!rst_ni) begin
      {reading_q, inflight_q} <= '0;
      {spad_q, left_q, elem_stride_q, addr_q, vec_stride_q, inflight_addr_q, len_q} <= '0;
    end else begin
      inflight_q <= rd_fire;
      if (!reading_q) begin
        if (cmd_valid_i) begin
          reading_q     <= cmd_i.len0 != '0;
          spad_q        <= cmd_i.addr0;
          left_q        <= cmd_i.len0;
          addr_q        <= cmd_i.dram_addr;
          len_q         <= cmd_i.len1[7:0];
          elem_stride_q <= cmd_i.elem_stride;
          vec_stride_q  <= cmd_i.vec_stride;
        end
      end else if (rd_fire) begin
        inflight_addr_q <= addr_q;
        addr_q    <= addr_q + vec_stride_q;
        spad_q    <= spad_q + 1;
        left_q    <= left_q - 1;
        reading_q <= left_q != 16'd1;
      end
    end
  end : p_read

  // The stride and length of a command stay put until its last read has been captured:
  // a new command is accepted only once reading_q drops, one cycle after the last read.
  fifo #(
    .Width($bits(beat)),
    .Depth(Depth)
  ) i_beats (
    .clk_i,
    .rst_ni,
    .push_valid_i(inflight_q),
    .push_ready_o(beat_room),
    .push_data_i ({acc_rdata_i, inflight_addr_q, len_q, elem_stride_q}),  // a beat_t
    .pop_valid_o (beat_valid),
    .pop_ready_i (wr_ready_i),
    .pop_data_o  (beat),
    .empty_o     (unused_empty),
    .count_o     (count)
  );

  assign wr_valid_o  = beat_valid;
  assign wr_addr_o   = beat.addr;
  assign wr_len_o    = beat.len;
  assign wr_stride_o = beat.stride;
  always_comb begin : p_pack
    wr_data_o = '0;
    for (int c = 0; c < Cols; c++) wr_data_o[c*32 +: AccW] = beat.data[c*AccW +: AccW];
  end : p_pack

  assign busy_o = reading_q || inflight_q || beat_valid;

`ifndef SYNTHESIS
  // Commands as arch/isa.hpp allows them: a vector fits the accumulator's lanes.
  a_cmd_vec_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cmd_valid_i && cmd_ready_o && cmd_i.len0 != '0 |->
          cmd_i.len1 != '0 && 32'(cmd_i.len1) <= Cols)
    else $error("store_engine: vec_len %0d outside [1, %0d]", cmd_i.len1, Cols);
  // The read in flight always finds room: the beat FIFO is pushed without looking.
  a_beat_room: assert property (@(posedge clk_i) disable iff (!rst_ni) inflight_q |-> beat_room)
    else $error("store_engine: a read returned into a full beat FIFO (a vector is lost)");
  // Accumulator reads wait for their grant at the same address.
  a_acc_rd_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      acc_rd_req_o && !acc_rd_gnt_i |=> acc_rd_req_o && $stable(acc_rd_addr_o))
    else $error("store_engine: accumulator read withdrawn or moved before its grant");
  // Write requests are held, unchanged, until the memory takes them (every field comes from
  // the beat; sampling the 2048-bit wr_data_o itself miscompiles in Verilator 5.006).
  a_wr_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      wr_valid_o && !wr_ready_i |=> wr_valid_o && $stable(beat))
    else $error("store_engine: write request withdrawn or changed before it was taken");
`endif

  // Fields of the command that STORE does not use.
  logic unused_cmd;
  assign unused_cmd = ^{cmd_i.op, cmd_i.flags, cmd_i.addr1, cmd_i.addr2, cmd_i.len1[15:8],
                        cmd_i.len2};

endmodule : store_engine
