// Runs COMPUTE commands on the PE array (what they compute: arch/isa.hpp), overlapped: the
// next command streams in while the previous one still drains. A command waits in the `pre`
// slot until it may start streaming; streaming reads one vector per cycle:
//   output-stationary: input and weight vector t for t < k. Lane r of the input feeds row
//     Rows-1-r, so the m result rows sit at the bottom of the array. When the stream ends
//     (cycle E) the tile's sums move into the PEs' shadow registers (first_i, travelling with
//     the next tile's operands) and drain out of the bottom row: result row j is written at
//     E + j + Rows + Cols. The drain pulse reaches only the rows the m results pass through,
//     so an upper row may already hold the next tile's sums.
//   weight-stationary: input vector s for s < m (lane r feeds row r), written at
//     s + Rows + Cols after its read. Unless keep_weights, the command's weights are
//     preloaded row by row into the PEs' shadow registers over a column bus, starting at
//     least one cycle before its stream (possibly during the previous stream), and swapped
//     in by first_i with its first input.
// Every result row is described by a write descriptor pushed into a pipe when its read (WS)
// or its drain slot (OS) happens; the descriptor reads the old sum (accumulate) at stage
// Rows+Cols-1 and writes at stage Rows+Cols. Spacing rules, with T the first read of a
// stream and E = T + k (OS) the cycle after its last:
//   OS: T_next >= E, E_next >= E + max(m, hazard)  (a drain occupies the column m cycles);
//   WS: T_next >= T + max(m, hazard), and T_next > start of its own preload, which follows
//       the previous preload (k cycles on the weight port);
//   hazard: if the next command's accumulator rows overlap this one's, its writes (and
//       reads of old sums) must follow this one's: (accumulate ? 2 : 1) + max(0, c' - c)
//       for accumulator addresses c, c'; a change of dataflow waits for the engine to empty.
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
  localparam int unsigned RowW  = (Rows > 1) ? $clog2(Rows) : 1;
  localparam int unsigned Lat   = Rows + Cols;  // descriptor push -> write
  localparam int unsigned PendW = $clog2(Lat + 1);

  // ---------------------------------------------------------------- the waiting command
  logic        pre_v, pre_os, pre_acc, pre_keep, pre_pl;
  logic [15:0] pre_a, pre_b, pre_c, pre_m, pre_n, pre_k;

  wire [7:0] flags  = cmd_i.flags;
  wire       cmd_os = (BuildOs != 0) && ((BuildWs == 0) || !flags[codesign_pkg::FlagWs]);

  // ---------------------------------------------------------------- the streaming command
  logic        cur_v, cur_os, cur_acc, cur_swap;
  logic [15:0] cur_a, cur_b, cur_c, cur_m, cur_n, cur_k, cur_len, t_q;
  wire         cur_last = cur_v && t_q == cur_len - 1;

  // The previous stream, for the spacing rules; since_q = cycles since its first read.
  logic [15:0] prev_c, prev_m, prev_k, since_q;
  logic        flow_os_q;    // dataflow of the work in flight
  logic        acc_dirty_q;  // weight-stationary partial sums left in the PEs' accumulators

  // ---------------------------------------------------------------- preload, drain, pipe
  logic             pl_v;
  logic [15:0]      pl_b, pl_n, pl_k, pl_row;
  wire              pl_last = pl_v && pl_row == pl_k - 1;
  logic             drn_v, drn_acc;
  logic [15:0]      drn_c, drn_m, drn_j;
  logic [LaneW-1:0] drn_n;
  logic [PendW-1:0] pend_q;  // descriptors in the pipe

  wire inflight = cur_v || drn_v || pl_v || pend_q != '0;
  wire df_ok    = (pre_os == flow_os_q) || !inflight;

  // Spacing against the previous stream (17/18-bit arithmetic, no wrap).
  wire [16:0] pre_end  = 17'(pre_c) + 17'(pre_m);
  wire [16:0] prev_end = 17'(prev_c) + 17'(prev_m);
  wire        overlap  = 17'(pre_c) < prev_end && 17'(prev_c) < pre_end;
  wire [17:0] ahead    = pre_c > prev_c ? 18'(pre_c) - 18'(prev_c) : '0;
  wire [17:0] hazard   = overlap ? ahead + (pre_acc ? 18'd2 : 18'd1) : '0;
  wire [17:0] need     = hazard > 18'(prev_m) ? hazard : 18'(prev_m);
  wire [17:0] gap      = 18'(since_q) + 18'd1;  // cycles from the previous first read to ours
  wire        gap_ok   = pre_os ? gap + 18'(pre_k) >= need + 18'(prev_k) : gap >= need;
  wire        pl_ok    = pre_os || pre_keep || pre_pl;
  wire        start    = pre_v && (!cur_v || cur_last) && df_ok && gap_ok && pl_ok;
  wire        pl_start = pre_v && !pre_os && !pre_keep && !pre_pl && (!pl_v || pl_last) && df_ok;

  assign cmd_ready_o = !pre_v || start;
  wire accept = cmd_valid_i && cmd_ready_o;
  assign busy_o = pre_v || inflight;

  // Fields of the command that COMPUTE does not use.
  logic unused_cmd;
  assign unused_cmd = ^{cmd_i.op, flags[7:3], cmd_i.dram_addr, cmd_i.elem_stride,
                        cmd_i.vec_stride};

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_control
    if (!rst_ni) begin
      {pre_v, pre_os, pre_acc, pre_keep, pre_pl} <= '0;
      {pre_a, pre_b, pre_c, pre_m, pre_n, pre_k} <= '0;
      {cur_v, cur_os, cur_acc, cur_swap} <= '0;
      {cur_a, cur_b, cur_c, cur_m, cur_n, cur_k, cur_len, t_q} <= '0;
      {prev_c, prev_m, prev_k} <= '0;
      since_q     <= '1;
      flow_os_q   <= BuildOs != 0;
      acc_dirty_q <= 1'b0;
      {pl_v, pl_b, pl_n, pl_k, pl_row} <= '0;
      {drn_v, drn_acc, drn_c, drn_m, drn_n, drn_j} <= '0;
    end else begin
      // The waiting slot.
      if (accept) begin
        pre_v    <= 1'b1;
        pre_os   <= cmd_os;
        pre_acc  <= flags[codesign_pkg::FlagAccumulate];
        pre_keep <= flags[codesign_pkg::FlagKeepWeights];
        pre_pl   <= 1'b0;
        pre_a    <= cmd_i.addr0;
        pre_b    <= cmd_i.addr1;
        pre_c    <= cmd_i.addr2;
        pre_m    <= cmd_i.len0;
        pre_n    <= cmd_i.len1;
        pre_k    <= cmd_i.len2;
      end else if (start) begin
        pre_v <= 1'b0;
      end else if (pl_start) begin
        pre_pl <= 1'b1;
      end
      // The stream.
      if (start) begin
        cur_v    <= 1'b1;
        cur_os   <= pre_os;
        cur_acc  <= pre_acc;
        cur_swap <= !pre_os && !pre_keep;
        cur_a    <= pre_a;
        cur_b    <= pre_b;
        cur_c    <= pre_c;
        cur_m    <= pre_m;
        cur_n    <= pre_n;
        cur_k    <= pre_k;
        cur_len  <= pre_os ? pre_k : pre_m;
        t_q      <= '0;
        prev_c   <= pre_c;
        prev_m   <= pre_m;
        prev_k   <= pre_k;
        since_q  <= '0;
      end else begin
        if (cur_v) begin
          t_q <= t_q + 1;
          if (cur_last) cur_v <= 1'b0;
        end
        if (since_q != '1) since_q <= since_q + 1;
      end
      if (start || pl_start) flow_os_q <= start ? pre_os : 1'b0;
      if (start) acc_dirty_q <= !pre_os;
      // The weight-stationary preload.
      if (pl_start) begin
        pl_v   <= 1'b1;
        pl_b   <= pre_b;
        pl_n   <= pre_n;
        pl_k   <= pre_k;
        pl_row <= '0;
      end else if (pl_v) begin
        pl_row <= pl_row + 1;
        if (pl_last) pl_v <= 1'b0;
      end
      // The output-stationary drain: one descriptor per result row from E on.
      if (cur_last && cur_os) begin
        drn_v   <= 1'b1;
        drn_acc <= cur_acc;
        drn_c   <= cur_c;
        drn_m   <= cur_m;
        drn_n   <= LaneW'(cur_n);
        drn_j   <= '0;
      end else if (drn_v) begin
        drn_j <= drn_j + 1;
        if (drn_j == drn_m - 1) drn_v <= 1'b0;
      end
    end
  end : p_control

`ifndef SYNTHESIS
  // Commands as arch/isa.hpp allows them (the stream and drain counters assume non-zero
  // lengths, the masks and skews tiles that fit the array): OS m <= Rows, k >= 1; WS
  // k <= Rows, m >= 1; n <= Cols; m, n, k >= 1.
  a_cmd_shape: assert property (@(posedge clk_i) disable iff (!rst_ni)
      accept |-> cmd_i.len0 != '0 && cmd_i.len1 != '0 && cmd_i.len2 != '0 &&
                 32'(cmd_i.len1) <= Cols &&
                 (cmd_os ? 32'(cmd_i.len0) : 32'(cmd_i.len2)) <= Rows)
    else $error("exec_engine: COMPUTE m=%0d n=%0d k=%0d does not fit %0dx%0d (%s)",
                cmd_i.len0, cmd_i.len1, cmd_i.len2, Rows, Cols, cmd_os ? "OS" : "WS");
  a_pend_range: assert property (@(posedge clk_i) disable iff (!rst_ni) 32'(pend_q) <= Lat)
    else $error("exec_engine: %0d descriptors in a %0d-stage pipe", pend_q, Lat);
`endif

  // ---------------------------------------------------------------- operand reads
  wire os_rd = cur_v && cur_os;
  wire ws_rd = cur_v && !cur_os;
  assign in_req_o  = cur_v;
  assign in_addr_o = InAddrW'(cur_a + t_q);
  assign w_req_o   = os_rd || pl_v;
  assign w_addr_o  = WAddrW'(os_rd ? cur_b + t_q : pl_b + pl_row);

  // The array's edges, one cycle after the reads (read data is valid then). Lanes beyond
  // the tile are masked to zero.
  logic            a_valid_q, b_valid_q, bus_q, e_os_q, ws_swap_q;
  logic [15:0]     a_lanes_q, b_lanes_q, e_m_q, e_n_q, e_k_q;
  logic [RowW-1:0] bus_row_q;
  logic [Rows-1:0] first_q;  // by physical row
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_edge
    if (!rst_ni) begin
      {a_valid_q, b_valid_q, bus_q, e_os_q, ws_swap_q} <= '0;
      {a_lanes_q, b_lanes_q, e_m_q, e_n_q, e_k_q} <= '0;
      bus_row_q <= '0;
      first_q   <= '0;
    end else begin
      a_valid_q <= cur_v;
      b_valid_q <= os_rd || pl_v;
      bus_q     <= pl_v;
      bus_row_q <= RowW'(pl_row);
      e_os_q    <= cur_v ? cur_os : flow_os_q;
      if (cur_v) begin
        a_lanes_q <= cur_os ? cur_m : cur_k;
        e_m_q     <= cur_m;
        e_n_q     <= cur_n;
        e_k_q     <= cur_k;
      end
      b_lanes_q <= os_rd ? cur_n : pl_n;
      ws_swap_q <= ws_rd && cur_swap && t_q == '0;
      // Tile marks: the capture of an output-stationary tile's m rows (the bottom ones) at
      // its first drain slot; the weight swap with a weight-stationary stream's first input.
      for (int r = 0; r < Rows; r++)
        first_q[r] <= (drn_v && drn_j == '0 && 32'(r) >= Rows - 32'(drn_m)) ||
                      (ws_rd && cur_swap && t_q == '0);
    end
  end : p_edge

  logic [Rows*DataW-1:0] a_vec;  // logical lanes
  logic [Cols*DataW-1:0] b_vec;
  logic [Rows-1:0]       a_zero;
  logic [Cols-1:0]       b_zero;
  always_comb begin : p_mask
    for (int r = 0; r < Rows; r++) begin
      a_vec[r*DataW +: DataW] = (a_valid_q && 32'(r) < 32'(a_lanes_q)) ?
                                in_rdata_i[r*DataW +: DataW] : '0;
      a_zero[r] = a_valid_q && 32'(r) < 32'(a_lanes_q) && in_rdata_i[r*DataW +: DataW] == '0;
    end
    // Preloaded weights keep every lane (a COMPUTE that keeps them may use more columns);
    // results beyond a command's n are masked at write-back.
    for (int c = 0; c < Cols; c++) begin
      b_vec[c*DataW +: DataW] = (b_valid_q && (bus_q || 32'(c) < 32'(b_lanes_q))) ?
                                w_rdata_i[c*DataW +: DataW] : '0;
      b_zero[c] = b_valid_q && 32'(c) < 32'(b_lanes_q) && w_rdata_i[c*DataW +: DataW] == '0;
    end
  end : p_mask

  // ---------------------------------------------------------------- write descriptors
  typedef struct packed {
    logic             drain;  // first row of an output-stationary tile: starts the drain ...
    logic [LaneW-1:0] rows;   // ... of its m rows
    logic             valid;
    logic             acc;
    logic [LaneW-1:0] n;
    logic [15:0]      addr;
  } desc_t;
  // $bits(desc_t), written out: Yosys cannot take the width of a type declared in a module.
  localparam int unsigned DescW = 2 * LaneW + 19;
`ifndef SYNTHESIS
  initial assert (DescW == $bits(desc_t)) else $fatal(1, "DescW is not $bits(desc_t)");
`endif

  desc_t push;
  always_comb begin : p_push
    // Field by field: Yosys (0.23) reads no assignment patterns.
    push = '0;
    if (ws_rd) begin
      push.valid = 1'b1;
      push.acc   = cur_acc;
      push.n     = LaneW'(cur_n);
      push.addr  = cur_c + t_q;
    end else if (drn_v) begin
      push.drain = drn_j == '0;
      push.rows  = LaneW'(drn_m);
      push.valid = 1'b1;
      push.acc   = drn_acc;
      push.n     = drn_n;
      push.addr  = drn_c + drn_j;
    end
  end : p_push

  // Stage s (1..Lat) holds the descriptor pushed s cycles ago: gen_pipe[s-1].q, one register
  // per stage (a simulator copies Lat words a cycle instead of shifting a Lat*DescW vector).
  for (genvar s = 0; s < Lat; s++) begin : gen_pipe
    logic [DescW-1:0] q;
    wire  [DescW-1:0] d;
    if (s == 0) begin : gen_first
      assign d = push;
    end : gen_first
    else begin : gen_next
      assign d = gen_pipe[s-1].q;
    end : gen_next
    always_ff @(posedge clk_i or negedge rst_ni) begin : p_stage
      if (!rst_ni) q <= '0;
      else q <= d;
    end : p_stage
  end : gen_pipe
  desc_t d_drain, d_rd, d_wr;
  assign d_drain = gen_pipe[Rows].q;     // stage Rows + 1
  assign d_rd    = gen_pipe[Lat - 2].q;  // stage Lat - 1
  assign d_wr    = gen_pipe[Lat - 1].q;  // stage Lat

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_pend
    if (!rst_ni) pend_q <= '0;
    else pend_q <= pend_q + PendW'(push.valid) - PendW'(d_wr.valid);
  end : p_pend

  // ---------------------------------------------------------------- skew and array
  // Physical row p takes logical lane Rows-1-p (output-stationary) or p, delayed p cycles;
  // column c's operand (or bus word, its row and the drain pulse) is delayed c cycles.
  logic [Rows*DataW-1:0] a_edge;
  logic [Rows-1:0]       first_edge;
  logic [Cols*DataW-1:0] b_edge;
  logic [Cols-1:0]       w_valid, drain;
  logic [Cols*RowW-1:0]  w_row;
  logic [Cols*LaneW-1:0] drain_rows;
  logic [Cols*AccW-1:0]  result, result_aligned;

  for (genvar p = 0; p < Rows; p++) begin : gen_a_skew
    wire [DataW-1:0] lane = e_os_q ? a_vec[(Rows-1-p)*DataW +: DataW] : a_vec[p*DataW +: DataW];
    delay_line #(
      .Width(DataW + 1),
      .Depth(p)
    ) i_skew (
      .clk_i,
      .rst_ni,
      .d_i({first_q[p], lane}),
      .q_o({first_edge[p], a_edge[p*DataW +: DataW]})
    );
  end : gen_a_skew

  for (genvar c = 0; c < Cols; c++) begin : gen_b_skew
    delay_line #(
      .Width(LaneW + DataW + RowW + 2),
      .Depth(c)
    ) i_skew (
      .clk_i,
      .rst_ni,
      .d_i({d_drain.valid && d_drain.drain, d_drain.rows, bus_q, bus_row_q,
            b_vec[c*DataW +: DataW]}),
      .q_o({drain[c], drain_rows[c*LaneW +: LaneW], w_valid[c], w_row[c*RowW +: RowW],
            b_edge[c*DataW +: DataW]})
    );
  end : gen_b_skew

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
    .os_i        (flow_os_q),
    .clear_i     (start && pre_os && acc_dirty_q),
    .a_edge_i    (a_edge),
    .first_edge_i(first_edge),
    .b_edge_i    (b_edge),
    .w_valid_i   (w_valid),
    .w_row_i     (w_row),
    .drain_i     (drain),
    .drain_rows_i(drain_rows),
    .result_o    (result)
  );

  // Column c's results leave c cycles late: delay it by Cols-1-c to align.
  for (genvar c = 0; c < Cols; c++) begin : gen_deskew
    delay_line #(
      .Width(AccW),
      .Depth(Cols - 1 - c)
    ) i_deskew (
      .clk_i,
      .rst_ni,
      .d_i(result[c*AccW +: AccW]),
      .q_o(result_aligned[c*AccW +: AccW])
    );
  end : gen_deskew

  // ---------------------------------------------------------------- result write-back
  assign acc_rd_req_o  = d_rd.valid && d_rd.acc;
  assign acc_rd_addr_o = AccAddrW'(d_rd.addr);
  assign acc_wr_req_o  = d_wr.valid;
  assign acc_wr_addr_o = AccAddrW'(d_wr.addr);
  always_comb begin : p_sum
    for (int c = 0; c < Cols; c++)
      acc_wr_data_o[c*AccW +: AccW] =
          (32'(c) < 32'(d_wr.n) ? result_aligned[c*AccW +: AccW] : '0) +
          (d_wr.acc ? acc_rdata_i[c*AccW +: AccW] : '0);
  end : p_sum
  logic unused_desc;
  assign unused_desc = ^{d_drain.acc, d_drain.n, d_drain.addr, d_rd.drain, d_rd.rows, d_rd.n,
                         d_wr.drain, d_wr.rows};

  // ---------------------------------------------------------------- activity
  if (CountActivity != 0) begin : gen_activity
    logic [63:0] macs_q, zero_macs_q, a_tog_q, b_tog_q;
    logic [Rows*DataW-1:0] a_prev_q;
    logic [Cols*DataW-1:0] b_prev_q;
    // Zero weights per row of the weights in use (act) and being preloaded (sh).
    logic [Rows*LaneW-1:0] zw_act_q, zw_sh_q;

    wire [LaneW-1:0] za = LaneW'($countones(a_zero));
    wire [LaneW-1:0] zb = LaneW'($countones(b_zero));
    wire [63:0] a_flips = 64'($countones(a_vec ^ a_prev_q));
    wire [63:0] b_flips = 64'($countones(b_vec ^ b_prev_q));
    // Output-stationary weights pass through every row; a preloaded weight sits in one PE.
    wire        b_counts = e_os_q || bus_q;
    wire [63:0] b_reach  = e_os_q ? 64'(Rows) : 64'd1;
    wire [Rows*LaneW-1:0] zw_use = ws_swap_q ? zw_sh_q : zw_act_q;

    logic [63:0] ws_zero;
    always_comb begin : p_ws_zero
      ws_zero = 64'(za) * 64'(e_n_q);
      for (int r = 0; r < Rows; r++)
        if (32'(r) < 32'(e_k_q) && !a_zero[r]) ws_zero += 64'(zw_use[r*LaneW +: LaneW]);
    end : p_ws_zero
    wire [63:0] os_zero = 64'(za) * 64'(e_n_q) + 64'(zb) * 64'(e_m_q) - 64'(za) * 64'(zb);

    always_ff @(posedge clk_i or negedge rst_ni) begin : p_activity
      if (!rst_ni) begin
        {macs_q, zero_macs_q, a_tog_q, b_tog_q} <= '0;
        a_prev_q <= '0;
        b_prev_q <= '0;
        zw_act_q <= '0;
        zw_sh_q  <= '0;
      end else begin
        if (clear_counters_i) begin
          {macs_q, zero_macs_q, a_tog_q, b_tog_q} <= '0;
        end else begin
          if (accept) macs_q <= macs_q + 64'(cmd_i.len0) * 64'(cmd_i.len1) * 64'(cmd_i.len2);
          if (a_valid_q) zero_macs_q <= zero_macs_q + (e_os_q ? os_zero : ws_zero);
          a_tog_q <= a_tog_q + a_flips * 64'(Cols);
          if (b_counts) b_tog_q <= b_tog_q + b_flips * b_reach;
        end
        a_prev_q <= a_vec;
        if (b_counts) b_prev_q <= b_vec;
        if (ws_swap_q) zw_act_q <= zw_sh_q;
        if (bus_q) zw_sh_q[32'(bus_row_q)*LaneW +: LaneW] <= zb;
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
    assign unused_activity = ^{clear_counters_i, a_zero, b_zero, e_m_q, e_n_q, e_k_q,
                               ws_swap_q};
  end : gen_no_activity

endmodule : exec_engine
