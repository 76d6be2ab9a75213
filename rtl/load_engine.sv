// Runs LOAD commands: one memory read request per vector, or per row segment of a vector
// whose lanes wrap across rows (im2col gathers; arch/isa.hpp), each gathered by the DMA, and
// one buffer write per vector. Issue and write-back are decoupled by a FIFO of
// request tags, so the next LOAD's requests go out while earlier data is still in flight.
module load_engine
#(
  parameter int unsigned Rows    = 4,
  parameter int unsigned Cols    = 4,
  parameter int unsigned DataW   = 8,
  parameter int unsigned InAddrW = 8,
  parameter int unsigned WAddrW  = 8,
  parameter int unsigned MaxOutstanding = codesign_pkg::LoadTags
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
  // Lanes of a vector: at most 64 (codesign_pkg::MaxLanes).
  localparam int unsigned LaneW = $clog2(codesign_pkg::MaxLanes + 1);

  // A tag describes where one returning segment goes: vector spad_addr, lanes [off, off+len);
  // the last segment of a vector writes it.
  typedef struct packed {
    logic             weight;
    logic [15:0]      spad_addr;
    logic [LaneW-1:0] off;
    logic [7:0]       len;
    logic             last;
  } tag_t;

  // ---------------------------------------------------------------- issue
  // A vector's lanes j < vec_len sit at positions u = wrap_start + j of rows wrap_len long
  // (one row when wrap_len = 0): lane j at base + (u mod L - wrap_start) * elem_stride +
  // (u div L) * wrap_stride. One read request per row segment.
  logic        issuing_q, weight_q;
  logic [15:0] spad_q, left_q;
  logic [31:0] base_q, row0_q, seg_addr_q, row_addr_q, vec_stride_q;
  logic [15:0] elem_stride_q, wrap_len_q, wrap_start_q, wrap_stride_q;
  logic [LaneW-1:0] seg_lane_q, vec_len_q;
  logic        tag_ready;

  // The current segment: the rest of the vector, or of its row.
  wire [16:0] row_room  = wrap_len_q == '0 ? 17'(vec_len_q)
                        : 17'(wrap_len_q) - (seg_lane_q == '0 ? 17'(wrap_start_q) : 17'd0);
  wire [16:0] vec_room  = 17'(vec_len_q) - 17'(seg_lane_q);
  wire [LaneW-1:0] seg_len = LaneW'(row_room < vec_room ? row_room : vec_room);
  wire        seg_last  = seg_lane_q + seg_len == vec_len_q;

  assign cmd_ready_o     = !issuing_q;
  assign rd_req_valid_o  = issuing_q && tag_ready;
  assign rd_req_addr_o   = seg_addr_q;
  assign rd_req_len_o    = 8'(seg_len);
  assign rd_req_stride_o = elem_stride_q;
  wire   req_fire        = rd_req_valid_o && rd_req_ready_i;

  // Row 1's first lane, relative to a vector's base: wrap_stride - wrap_start * elem_stride.
  wire [31:0] row1_offset = 32'(cmd_i.len2) - 32'(cmd_i.addr2) * 32'(cmd_i.elem_stride);

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_issue
    if (!rst_ni) begin
      issuing_q <= 1'b0;
      {weight_q, spad_q, left_q, base_q, row0_q, seg_addr_q, row_addr_q, vec_stride_q} <= '0;
      {elem_stride_q, wrap_len_q, wrap_start_q, wrap_stride_q, seg_lane_q, vec_len_q} <= '0;
    end else if (!issuing_q) begin
      if (cmd_valid_i) begin
        issuing_q     <= cmd_i.len0 != '0;
        weight_q      <= cmd_i.flags[codesign_pkg::FlagWeightBuf];
        spad_q        <= cmd_i.addr0;
        left_q        <= cmd_i.len0;
        base_q        <= cmd_i.dram_addr;
        seg_addr_q    <= cmd_i.dram_addr;
        row0_q        <= row1_offset;
        row_addr_q    <= cmd_i.dram_addr + row1_offset;
        vec_len_q     <= LaneW'(cmd_i.len1);
        elem_stride_q <= cmd_i.elem_stride;
        vec_stride_q  <= cmd_i.vec_stride;
        wrap_len_q    <= cmd_i.addr1;
        wrap_start_q  <= cmd_i.addr2;
        wrap_stride_q <= cmd_i.len2;
        seg_lane_q    <= '0;
      end
    end else if (req_fire) begin
      if (seg_last) begin  // the next vector
        base_q     <= base_q + vec_stride_q;
        seg_addr_q <= base_q + vec_stride_q;
        row_addr_q <= base_q + vec_stride_q + row0_q;
        seg_lane_q <= '0;
        spad_q     <= spad_q + 1;
        left_q     <= left_q - 1;
        issuing_q  <= left_q != 16'd1;
      end else begin  // the next row of this vector
        seg_addr_q <= row_addr_q;
        row_addr_q <= row_addr_q + 32'(wrap_stride_q);
        seg_lane_q <= seg_lane_q + seg_len;
      end
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
    .push_data_i ({weight_q, spad_q, seg_lane_q, 8'(seg_len), seg_last}),  // a tag_t
    .pop_valid_o (tag_valid),
    .pop_ready_i (rd_rsp_valid_i && rd_rsp_ready_o),
    .pop_data_o  (tag_head),
    .empty_o     (tag_empty),
    .count_o     (unused_tag_count)
  );

  // A segment's lanes move to their place in the vector, assembled until its last segment;
  // lanes beyond the vector's length stay zero.
  localparam int unsigned Lanes = (Rows > Cols) ? Rows : Cols;
  logic [Lanes*DataW-1:0] seg, assembled_q, vector;
  always_comb begin : p_lanes
    seg = '0;
    for (int j = 0; j < Lanes; j++)
      if (8'(j) < tag_head.len) seg[j*DataW +: DataW] = rd_rsp_data_i[j*16 +: DataW];
    vector = assembled_q | (seg << (32'(tag_head.off) * DataW));
  end : p_lanes

  wire rsp       = rd_rsp_valid_i && tag_valid;
  wire rsp_write = rsp && tag_head.last;
  assign in_wr_req_o    = rsp_write && !tag_head.weight;
  assign w_wr_req_o     = rsp_write && tag_head.weight;
  assign in_wr_addr_o   = InAddrW'(tag_head.spad_addr);
  assign w_wr_addr_o    = WAddrW'(tag_head.spad_addr);
  assign in_wr_data_o   = vector[Rows*DataW-1:0];
  assign w_wr_data_o    = vector[Cols*DataW-1:0];
  assign rd_rsp_ready_o = !tag_head.last || (tag_head.weight ? w_wr_gnt_i : in_wr_gnt_i);

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_assemble
    if (!rst_ni) assembled_q <= '0;
    else if (rsp && rd_rsp_ready_o) assembled_q <= tag_head.last ? '0 : vector;
  end : p_assemble

  assign busy_o    = issuing_q || !tag_empty;

  // Fields of the command that LOAD does not use.
  logic unused_cmd;
  assign unused_cmd = ^{cmd_i.op, cmd_i.flags[7:1], cmd_i.len1[15:LaneW]};
  assign waiting_o = !tag_empty && !rd_rsp_valid_i;

`ifndef SYNTHESIS
  // Commands as arch/isa.hpp allows them: a vector fits its buffer's lanes, and a wrapped
  // one starts inside its first row (the segment lengths assume both).
  wire [15:0] buf_lanes = cmd_i.flags[codesign_pkg::FlagWeightBuf] ? 16'(Cols) : 16'(Rows);
  a_cmd_vec_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cmd_valid_i && cmd_ready_o && cmd_i.len0 != '0 |->
          cmd_i.len1 != '0 && cmd_i.len1 <= buf_lanes)
    else $error("load_engine: vec_len %0d outside [1, %0d]", cmd_i.len1, buf_lanes);
  a_cmd_wrap: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cmd_valid_i && cmd_ready_o && cmd_i.len0 != '0 && cmd_i.addr1 != '0 |->
          cmd_i.addr2 < cmd_i.addr1)
    else $error("load_engine: wrap_start %0d not below wrap_len %0d", cmd_i.addr2, cmd_i.addr1);
  // Read requests are held, unchanged, until the memory takes them.
  a_rd_req_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rd_req_valid_o && !rd_req_ready_i |=>
          rd_req_valid_o && $stable({rd_req_addr_o, rd_req_len_o, rd_req_stride_o}))
    else $error("load_engine: read request withdrawn or changed before it was taken");
  a_rd_req_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rd_req_valid_o |-> rd_req_len_o != '0 && 32'(rd_req_len_o) <= Lanes)
    else $error("load_engine: read request of %0d lanes", rd_req_len_o);
  // The memory's side: a response answers a request (its tag is waiting) and is held,
  // unchanged, until the engine takes it.
  a_rsp_has_tag: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rd_rsp_valid_i |-> tag_valid)
    else $error("load_engine: a read response with no request outstanding (tag FIFO empty)");
  a_rsp_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rd_rsp_valid_i && !rd_rsp_ready_o |=> rd_rsp_valid_i && $stable(rd_rsp_data_i))
    else $error("load_engine: read response withdrawn or changed before it was taken");
  // Buffer writes wait for their grant with address and data unchanged.
  a_in_wr_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      in_wr_req_o && !in_wr_gnt_i |=>
          in_wr_req_o && $stable(in_wr_addr_o) && $stable(in_wr_data_o))
    else $error("load_engine: input-buffer write withdrawn or changed before its grant");
  a_w_wr_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_wr_req_o && !w_wr_gnt_i |=> w_wr_req_o && $stable(w_wr_addr_o) && $stable(w_wr_data_o))
    else $error("load_engine: weight-buffer write withdrawn or changed before its grant");
`endif

endmodule : load_engine
