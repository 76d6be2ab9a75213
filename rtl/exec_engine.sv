// Runs COMPUTE commands on the PE array. A command follows a fixed schedule counted by t
// from the cycle after it is accepted (see arch/isa.hpp for what it computes):
//   output-stationary: t=0 clear; read input/weight vector t for t<k; operands enter skewed
//     (row r and column c delayed r and c cycles); results drain up through row 0 and are
//     written (plus the old value when accumulating) at t = k+R+C-1+i for row i < m.
//   weight-stationary: unless keep_weights, preload rows R-1..0 for t<R (P=R, else P=0);
//     stream input vector s at t=P+s; the bottom row's sums, de-skewed, are written at
//     t = P+R+C+s.
// Activity (MACs, zero-operand MACs, operand-register toggles) is counted at the array's
// edges: every PE register in a row/column sees the same sequence as its edge, delayed.
module exec_engine
#(
  parameter int unsigned Rows       = 4,
  parameter int unsigned Cols       = 4,
  parameter int unsigned DataW      = 8,
  parameter int unsigned AccW       = 32,
  parameter int unsigned BuildOs    = 1,
  parameter int unsigned BuildWs    = 1,
  parameter int unsigned InAddrW    = 8,
  parameter int unsigned WAddrW     = 8,
  parameter int unsigned AccAddrW   = 8,
  parameter int unsigned CountActivity = 1
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic                         clear_counters_i,
  // command
  input  logic                         cmd_valid_i,
  output logic                         cmd_ready_o,
  input  codesign_pkg::cmd_t           cmd_i,
  output logic                         busy_o,
  // Vectors are flat, lane i at [i*W +: W]: Yosys 0.23 has no multi-dimensional packed ports.
  // input buffer (read)
  output logic                         in_req_o,
  output logic [InAddrW-1:0]           in_addr_o,
  input  logic [Rows*DataW-1:0]        in_rdata_i,
  // weight buffer (read)
  output logic                         w_req_o,
  output logic [WAddrW-1:0]            w_addr_o,
  input  logic [Cols*DataW-1:0]        w_rdata_i,
  // accumulator buffer: read old sums, write new ones
  output logic                         acc_rd_req_o,
  output logic [AccAddrW-1:0]          acc_rd_addr_o,
  input  logic [Cols*AccW-1:0]         acc_rdata_i,
  output logic                         acc_wr_req_o,
  output logic [AccAddrW-1:0]          acc_wr_addr_o,
  output logic [Cols*AccW-1:0]         acc_wr_data_o,
  // activity
  output logic [63:0]                  macs_o,
  output logic [63:0]                  zero_macs_o,
  output logic [63:0]                  in_toggles_o,
  output logic [63:0]                  w_toggles_o
);
  localparam int unsigned LaneW = $clog2(codesign_pkg::MaxLanes + 1);

  // ---------------------------------------------------------------- command latch
  logic        busy_q, os_q, acc_en_q;
  logic [15:0] a_addr_q, b_addr_q, acc_addr_q, m_q, n_q, k_q;
  logic [31:0] t_q, wbeg_q, preload_q;

  wire accept = cmd_valid_i && !busy_q;
  assign cmd_ready_o = !busy_q;
  assign busy_o      = busy_q;

  wire [7:0]  flags    = cmd_i.flags;
  wire        is_ws    = (BuildWs != 0) && ((BuildOs == 0) || flags[2]);
  wire [31:0] m_in     = 32'(cmd_i.len0);
  wire [31:0] n_in     = 32'(cmd_i.len1);
  wire [31:0] k_in     = 32'(cmd_i.len2);
  wire [31:0] pre_in   = (is_ws && !flags[1]) ? Rows : 32'd0;
  wire [31:0] wbeg_in  = is_ws ? pre_in + Rows + Cols : k_in + Rows + Cols - 1;
  wire [31:0] last_t   = wbeg_q + 32'(m_q) - 1;

  // Fields of the command that COMPUTE does not use.
  logic unused_cmd;
  assign unused_cmd = ^{cmd_i.op, flags[7:3], cmd_i.dram_addr, cmd_i.elem_stride,
                        cmd_i.vec_stride};

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_cmd
    if (!rst_ni) begin
      busy_q <= 1'b0;
      {os_q, acc_en_q} <= '0;
      {a_addr_q, b_addr_q, acc_addr_q, m_q, n_q, k_q} <= '0;
      {t_q, wbeg_q, preload_q} <= '0;
    end else if (accept) begin
      busy_q     <= 1'b1;
      os_q       <= !is_ws;
      acc_en_q   <= flags[0];
      a_addr_q   <= cmd_i.addr0;
      b_addr_q   <= cmd_i.addr1;
      acc_addr_q <= cmd_i.addr2;
      m_q        <= cmd_i.len0;
      n_q        <= cmd_i.len1;
      k_q        <= cmd_i.len2;
      preload_q  <= pre_in;
      wbeg_q     <= wbeg_in;
      t_q        <= '0;
    end else if (busy_q) begin
      t_q <= t_q + 1;
      if (t_q == last_t) busy_q <= 1'b0;
    end
  end : p_cmd

  // ---------------------------------------------------------------- operand reads
  // Output-stationary reads input and weight vector t for t < k. Weight-stationary preloads
  // weight rows R-1..0 for t < P (rows >= k are fed as zeros) and streams input t-P.
  wire [31:0] pre_row  = Rows - 1 - t_q;
  wire        os_rd    = busy_q && os_q && t_q < 32'(k_q);
  wire        pre_rd   = busy_q && !os_q && t_q < preload_q;
  wire        pre_rd_v = pre_rd && pre_row < 32'(k_q);
  wire        ws_rd    = busy_q && !os_q && t_q >= preload_q && t_q < preload_q + 32'(m_q);

  assign in_req_o  = os_rd || ws_rd;
  assign in_addr_o = InAddrW'(32'(a_addr_q) + (os_q ? t_q : t_q - preload_q));
  assign w_req_o   = os_rd || pre_rd_v;
  assign w_addr_o  = WAddrW'(32'(b_addr_q) + (os_q ? t_q : pre_row));

  // Read data is valid the cycle after the request; lanes beyond the tile are masked.
  logic a_valid_q, b_valid_q, b_shift_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_rd_valid
    if (!rst_ni) begin
      a_valid_q <= 1'b0;
      b_valid_q <= 1'b0;
      b_shift_q <= 1'b0;
    end else begin
      a_valid_q <= in_req_o;
      b_valid_q <= w_req_o;
      b_shift_q <= pre_rd;
    end
  end : p_rd_valid

  wire [31:0] a_lanes = os_q ? 32'(m_q) : 32'(k_q);
  logic [Rows*DataW-1:0] a_vec;
  logic [Cols*DataW-1:0] b_vec;
  logic [Rows-1:0]       a_zero;
  logic [Cols-1:0]       b_zero;
  always_comb begin : p_mask
    for (int r = 0; r < Rows; r++) begin
      a_vec[r*DataW +: DataW] = (a_valid_q && 32'(r) < a_lanes) ? in_rdata_i[r*DataW +: DataW]
                                                                 : '0;
      a_zero[r] = a_valid_q && 32'(r) < a_lanes && in_rdata_i[r*DataW +: DataW] == '0;
    end
    for (int c = 0; c < Cols; c++) begin
      b_vec[c*DataW +: DataW] = (b_valid_q && 32'(c) < 32'(n_q)) ? w_rdata_i[c*DataW +: DataW]
                                                                  : '0;
      b_zero[c] = b_valid_q && 32'(c) < 32'(n_q) && w_rdata_i[c*DataW +: DataW] == '0;
    end
  end : p_mask

  // ---------------------------------------------------------------- skew and array
  logic [Rows*DataW-1:0] a_edge;
  logic [Cols*DataW-1:0] b_skewed, b_edge;
  wire  [Cols*DataW-1:0] b_to_skew = os_q ? b_vec : '0;

  // Lane r is delayed r cycles by a shift register of r stages (stage i at [i*DataW +: DataW]).
  for (genvar r = 0; r < Rows; r++) begin : gen_a_skew
    if (r == 0) begin : gen_direct
      assign a_edge[0 +: DataW] = a_vec[0 +: DataW];
    end else begin : gen_delay
      logic [r*DataW-1:0] dly_q;
      always_ff @(posedge clk_i or negedge rst_ni) begin : p_dly
        if (!rst_ni) dly_q <= '0;
        else begin
          dly_q[0 +: DataW] <= a_vec[r*DataW +: DataW];
          for (int i = 1; i < r; i++) dly_q[i*DataW +: DataW] <= dly_q[(i-1)*DataW +: DataW];
        end
      end : p_dly
      assign a_edge[r*DataW +: DataW] = dly_q[(r-1)*DataW +: DataW];
    end : gen_delay
  end : gen_a_skew

  for (genvar c = 0; c < Cols; c++) begin : gen_b_skew
    if (c == 0) begin : gen_direct
      assign b_skewed[0 +: DataW] = b_to_skew[0 +: DataW];
    end else begin : gen_delay
      logic [c*DataW-1:0] dly_q;
      always_ff @(posedge clk_i or negedge rst_ni) begin : p_dly
        if (!rst_ni) dly_q <= '0;
        else begin
          dly_q[0 +: DataW] <= b_to_skew[c*DataW +: DataW];
          for (int i = 1; i < c; i++) dly_q[i*DataW +: DataW] <= dly_q[(i-1)*DataW +: DataW];
        end
      end : p_dly
      assign b_skewed[c*DataW +: DataW] = dly_q[(c-1)*DataW +: DataW];
    end : gen_delay
  end : gen_b_skew

  // Weight-stationary preload shifts whole rows down, without skew.
  assign b_edge = os_q ? b_skewed : b_vec;

  codesign_pkg::pe_mode_e mode;
  always_comb begin : p_mode
    if (!busy_q) mode = codesign_pkg::PeHold;
    else if (!os_q) mode = codesign_pkg::PeWsMac;
    else if (t_q == 0) mode = codesign_pkg::PeClear;
    else if (t_q < wbeg_q) mode = codesign_pkg::PeOsMac;
    else mode = codesign_pkg::PeDrain;
  end : p_mode

  logic [Cols*AccW-1:0] acc_top, acc_bottom, acc_aligned;

  pe_array #(
    .Rows   (Rows),
    .Cols   (Cols),
    .DataW  (DataW),
    .AccW   (AccW),
    .BuildOs(BuildOs),
    .BuildWs(BuildWs)
  ) i_array (
    .clk_i,
    .rst_ni,
    .mode_i      (mode),
    .b_shift_i   ((busy_q && os_q) || b_shift_q),
    .a_edge_i    (a_edge),
    .b_edge_i    (b_edge),
    .acc_top_o   (acc_top),
    .acc_bottom_o(acc_bottom)
  );

  // Weight-stationary sums leave column c c cycles late: delay it by Cols-1-c to align.
  for (genvar c = 0; c < Cols; c++) begin : gen_deskew
    localparam int unsigned D = Cols - 1 - c;
    if (D == 0) begin : gen_direct
      assign acc_aligned[c*AccW +: AccW] = acc_bottom[c*AccW +: AccW];
    end else begin : gen_delay
      logic [D*AccW-1:0] dly_q;
      always_ff @(posedge clk_i or negedge rst_ni) begin : p_dly
        if (!rst_ni) dly_q <= '0;
        else begin
          dly_q[0 +: AccW] <= acc_bottom[c*AccW +: AccW];
          for (int i = 1; i < D; i++) dly_q[i*AccW +: AccW] <= dly_q[(i-1)*AccW +: AccW];
        end
      end : p_dly
      assign acc_aligned[c*AccW +: AccW] = dly_q[(D-1)*AccW +: AccW];
    end : gen_delay
  end : gen_deskew

  // ---------------------------------------------------------------- result write-back
  // Result i is written at t = wbeg+i; its old value is read one cycle earlier.
  wire in_write = busy_q && t_q >= wbeg_q;
  wire in_rdold = busy_q && acc_en_q && t_q + 1 >= wbeg_q && t_q < last_t;
  wire [Cols*AccW-1:0] result = os_q ? acc_top : acc_aligned;

  assign acc_rd_req_o  = in_rdold;
  assign acc_rd_addr_o = AccAddrW'(32'(acc_addr_q) + t_q + 1 - wbeg_q);
  assign acc_wr_req_o  = in_write;
  assign acc_wr_addr_o = AccAddrW'(32'(acc_addr_q) + t_q - wbeg_q);
  always_comb begin : p_sum
    for (int c = 0; c < Cols; c++)
      acc_wr_data_o[c*AccW +: AccW] =
          result[c*AccW +: AccW] + (acc_en_q ? acc_rdata_i[c*AccW +: AccW] : '0);
  end : p_sum

  // ---------------------------------------------------------------- activity
  if (CountActivity != 0) begin : gen_activity
    logic [63:0] macs_q, zero_macs_q, a_tog_q, b_tog_q;
    logic [Rows*DataW-1:0] a_prev_q;
    logic [Cols*DataW-1:0] b_prev_q;
    logic [Rows*LaneW-1:0] zw_q;  // zero weights per row, lane r at [r*LaneW +: LaneW] (WS)
    logic [31:0] pre_shift_q;

    wire [LaneW-1:0] za = LaneW'($countones(a_zero));
    wire [LaneW-1:0] zb = LaneW'($countones(b_zero));
    wire [63:0] a_flips = 64'($countones(a_vec ^ a_prev_q));
    wire [63:0] b_flips = 64'($countones(b_vec ^ b_prev_q));
    wire        b_enters = (busy_q && os_q) || b_shift_q;
    // A weight fed at preload shift p passes through Rows-p PEs; in output-stationary
    // mode every weight passes through all Rows.
    wire [63:0] b_reach = os_q ? 64'(Rows) : 64'(Rows) - 64'(pre_shift_q);

    logic [63:0] ws_zero;
    always_comb begin : p_ws_zero
      ws_zero = 64'(za) * 64'(n_q);
      for (int r = 0; r < Rows; r++)
        if (32'(r) < 32'(k_q) && !a_zero[r]) ws_zero += 64'(zw_q[r*LaneW +: LaneW]);
    end : p_ws_zero
    wire [63:0] os_zero = 64'(za) * 64'(n_q) + 64'(zb) * 64'(m_q) - 64'(za) * 64'(zb);

    always_ff @(posedge clk_i or negedge rst_ni) begin : p_activity
      if (!rst_ni) begin
        {macs_q, zero_macs_q, a_tog_q, b_tog_q} <= '0;
        a_prev_q <= '0;
        b_prev_q <= '0;
        zw_q <= '0;
        pre_shift_q <= '0;
      end else begin
        if (clear_counters_i) begin
          {macs_q, zero_macs_q, a_tog_q, b_tog_q} <= '0;
        end else begin
          if (accept) macs_q <= macs_q + 64'(m_in) * 64'(n_in) * 64'(k_in);
          if (a_valid_q) zero_macs_q <= zero_macs_q + (os_q ? os_zero : ws_zero);
          a_tog_q <= a_tog_q + a_flips * 64'(Cols);
          if (b_enters) b_tog_q <= b_tog_q + b_flips * b_reach;
        end
        a_prev_q <= a_vec;
        if (b_enters) b_prev_q <= b_vec;
        pre_shift_q <= b_shift_q ? pre_shift_q + 1 : '0;
        if (b_shift_q) begin
          zw_q[0 +: LaneW] <= zb;
          for (int r = 1; r < Rows; r++) zw_q[r*LaneW +: LaneW] <= zw_q[(r-1)*LaneW +: LaneW];
        end
      end
    end : p_activity

    assign macs_o       = macs_q;
    assign zero_macs_o  = zero_macs_q;
    assign in_toggles_o = a_tog_q;
    assign w_toggles_o  = b_tog_q;
  end : gen_activity
  else begin : gen_no_activity
    assign macs_o       = '0;
    assign zero_macs_o  = '0;
    assign in_toggles_o = '0;
    assign w_toggles_o  = '0;
    logic unused_activity;
    assign unused_activity = ^{clear_counters_i, m_in, n_in, a_zero, b_zero};
  end : gen_no_activity

endmodule : exec_engine
