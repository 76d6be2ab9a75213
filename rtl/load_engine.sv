// Runs LOAD commands: one memory read request per vector (gathered by the DMA), and one
// buffer write per returned vector. Issue and write-back are decoupled by a FIFO of
// request tags, so the next LOAD's requests go out while earlier data is still in flight.
module load_engine
#(
  parameter int unsigned Rows    = 4,
  parameter int unsigned Cols    = 4,
  parameter int unsigned DataW   = 8,
  parameter int unsigned InAddrW = 8,
  parameter int unsigned WAddrW  = 8,
  parameter int unsigned MaxOutstanding = 32
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  // command
  input  logic                       cmd_valid_i,
  output logic                       cmd_ready_o,
  input  codesign_pkg::cmd_t         cmd_i,
  output logic                       busy_o,
  // memory read requests and responses
  output logic                       rd_req_valid_o,
  input  logic                       rd_req_ready_i,
  output logic [31:0]                rd_req_addr_o,
  output logic [7:0]                 rd_req_len_o,
  output logic [15:0]                rd_req_stride_o,
  input  logic                       rd_rsp_valid_i,
  output logic                       rd_rsp_ready_o,
  input  logic [codesign_pkg::RdDataW-1:0] rd_rsp_data_i,
  // buffer writes (vectors flat, lane i at [i*DataW +: DataW])
  output logic                       in_wr_req_o,
  output logic [InAddrW-1:0]         in_wr_addr_o,
  output logic [Rows*DataW-1:0]      in_wr_data_o,
  input  logic                       in_wr_gnt_i,
  output logic                       w_wr_req_o,
  output logic [WAddrW-1:0]          w_wr_addr_o,
  output logic [Cols*DataW-1:0]      w_wr_data_o,
  input  logic                       w_wr_gnt_i,
  // activity
  output logic                       waiting_o  // busy, but no data arrived this cycle
);
  // A tag describes where one returning vector goes.
  typedef struct packed {
    logic        weight;
    logic [15:0] spad_addr;
    logic [7:0]  len;
  } tag_t;

  // ---------------------------------------------------------------- issue
  logic        issuing_q, weight_q;
  logic [15:0] spad_q, left_q;
  logic [31:0] addr_q, vec_stride_q;
  logic [15:0] elem_stride_q;
  logic [7:0]  len_q;
  logic        tag_ready;

  assign cmd_ready_o     = !issuing_q;
  assign rd_req_valid_o  = issuing_q && tag_ready;
  assign rd_req_addr_o   = addr_q;
  assign rd_req_len_o    = len_q;
  assign rd_req_stride_o = elem_stride_q;
  wire   req_fire        = rd_req_valid_o && rd_req_ready_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_issue
    if (!rst_ni) begin
      issuing_q <= 1'b0;
      {weight_q, spad_q, left_q, addr_q, vec_stride_q, elem_stride_q, len_q} <= '0;
    end else if (!issuing_q) begin
      if (cmd_valid_i) begin
        issuing_q     <= cmd_i.len0 != '0;
        weight_q      <= cmd_i.flags[0];
        spad_q        <= cmd_i.addr0;
        left_q        <= cmd_i.len0;
        addr_q        <= cmd_i.dram_addr;
        len_q         <= cmd_i.len1[7:0];
        elem_stride_q <= cmd_i.elem_stride;
        vec_stride_q  <= cmd_i.vec_stride;
      end
    end else if (req_fire) begin
      addr_q    <= addr_q + vec_stride_q;
      spad_q    <= spad_q + 1;
      left_q    <= left_q - 1;
      issuing_q <= left_q != 16'd1;
    end
  end : p_issue

  // ---------------------------------------------------------------- write-back
  tag_t tag_head;
  logic tag_valid, tag_empty;
  logic [$clog2(MaxOutstanding):0] unused_tag_count;

  fifo #(
    .Width($bits(tag_head)),
    .Depth(MaxOutstanding)
  ) i_tags (
    .clk_i,
    .rst_ni,
    .push_valid_i(req_fire),
    .push_ready_o(tag_ready),
    .push_data_i ({weight_q, spad_q, len_q}),  // a tag_t
    .pop_valid_o (tag_valid),
    .pop_ready_i (rd_rsp_valid_i && rd_rsp_ready_o),
    .pop_data_o  (tag_head),
    .empty_o     (tag_empty),
    .count_o     (unused_tag_count)
  );

  // Lanes at or beyond the vector's length are written as zeros.
  localparam int unsigned Lanes = (Rows > Cols) ? Rows : Cols;
  logic [Lanes*DataW-1:0] lanes;
  always_comb begin : p_lanes
    for (int j = 0; j < Lanes; j++)
      lanes[j*DataW +: DataW] = (8'(j) < tag_head.len) ? rd_rsp_data_i[j*16 +: DataW] : '0;
  end : p_lanes

  wire rsp = rd_rsp_valid_i && tag_valid;
  assign in_wr_req_o    = rsp && !tag_head.weight;
  assign w_wr_req_o     = rsp && tag_head.weight;
  assign in_wr_addr_o   = InAddrW'(tag_head.spad_addr);
  assign w_wr_addr_o    = WAddrW'(tag_head.spad_addr);
  assign in_wr_data_o   = lanes[Rows*DataW-1:0];
  assign w_wr_data_o    = lanes[Cols*DataW-1:0];
  assign rd_rsp_ready_o = tag_head.weight ? w_wr_gnt_i : in_wr_gnt_i;

  assign busy_o    = issuing_q || !tag_empty;

  // Fields of the command that LOAD does not use.
  logic unused_cmd;
  assign unused_cmd = ^{cmd_i.op, cmd_i.flags[7:1], cmd_i.addr1, cmd_i.addr2, cmd_i.len1[15:8],
                        cmd_i.len2};
  assign waiting_o = !tag_empty && !rd_rsp_valid_i;

endmodule : load_engine
