// Rows x Cols PEs. Inputs (and their tile marks) enter at the left edge, one lane per row;
// output-stationary weights at the top edge, one lane per column; weight-stationary weights
// on a bus per column, written into the PE of row w_row_i. Results leave through the
// bottom row: output-stationary shadow registers draining down, weight-stationary partial
// sums flowing down.
//
// Each PE behaves as pe.sv describes (the PE that synthesis measures on its own). Here the
// PEs' registers are arrays, PE (r, c) at index r*Cols + c, and one loop computes every PE's
// next state from the registers of the PE itself, of its left and upper neighbours and the
// edges: Verilator compiles the loop as a loop, where Rows x Cols instances of pe.sv became
// Rows x Cols copies of its code, whose instruction-cache misses bounded simulation speed.
module pe_array
#(
  parameter int unsigned Rows    = 4,
  parameter int unsigned Cols    = 4,
  parameter int unsigned DataW   = 8,
  parameter int unsigned AccW    = 32,
  parameter int unsigned BuildOs = 1,
  parameter int unsigned BuildWs = 1,
  localparam int unsigned RowW   = (Rows > 1) ? $clog2(Rows) : 1,
  localparam int unsigned LaneW  = $clog2(codesign_pkg::MaxLanes + 1)
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic                   os_i,
  input  logic                   clear_i,
  // Lane i of a vector port is at [i*W +: W] (flat: Yosys 0.23 has no multi-dimensional
  // packed ports).
  input  logic [Rows*DataW-1:0]  a_edge_i,
  input  logic [Rows-1:0]        first_edge_i,
  input  logic [Cols*DataW-1:0]  b_edge_i,    // OS operands / WS weight bus
  input  logic [Cols-1:0]        w_valid_i,   // WS: the column's bus holds a weight ...
  input  logic [Cols*RowW-1:0]   w_row_i,     // ... for this row
  input  logic [Cols-1:0]        drain_i,     // OS: the column's drain pulse, for the rows
  input  logic [Cols*LaneW-1:0]  drain_rows_i, // below the top one of its m result rows
  output logic [Cols*AccW-1:0]   result_o     // the bottom row's outputs
);
  localparam int unsigned Pes = Rows * Cols;
  // The shadow register holds finished sums (OS) or the next weight (WS only: DataW bits).
  localparam int unsigned ShW = (BuildOs != 0) ? AccW : DataW;

  // The edges as arrays, so that the loop indexes them by row and column.
  logic signed [DataW-1:0] a_edge [Rows];
  logic                    first_edge [Rows];
  logic        [DataW-1:0] b_edge [Cols];  // zero-extended onto sh as pe.sv's w_bus_i
  logic                    w_valid [Cols], drain [Cols];
  logic        [RowW-1:0]  w_row [Cols];
  logic        [LaneW-1:0] drain_rows [Cols];
  always_comb begin : p_edges
    for (int unsigned r = 0; r < Rows; r++) begin
      a_edge[r]     = a_edge_i[r*DataW +: DataW];
      first_edge[r] = first_edge_i[r];
    end
    for (int unsigned c = 0; c < Cols; c++) begin
      b_edge[c]     = b_edge_i[c*DataW +: DataW];
      w_valid[c]    = w_valid_i[c];
      w_row[c]      = w_row_i[c*RowW +: RowW];
      drain[c]      = drain_i[c];
      drain_rows[c] = drain_rows_i[c*LaneW +: LaneW];
    end
  end : p_edges

  // Every PE's registers (pe.sv's names) and their next values.
  logic signed [DataW-1:0] a_q [Pes], a_d [Pes];       // operand from the left
  logic                    first_q [Pes], first_d [Pes]; // tile mark, travels with a
  logic signed [DataW-1:0] b_q [Pes], b_d [Pes];       // OS operand from above / WS weight
  logic        [AccW-1:0]  acc_q [Pes], acc_d [Pes];
  logic        [ShW-1:0]   sh_q [Pes], sh_d [Pes];
  logic                    drain_q [Pes], drain_d [Pes]; // OS: draining down the column

  wire ws = (BuildOs == 0) || ((BuildWs != 0) && !os_i);  // weight-stationary this cycle

  // One PE's inputs in the loop. Assigned before the loop, so that Verilator keeps them as
  // C++ locals rather than members of the model, which every store would have to reload.
  int unsigned             r, c;
  logic signed [DataW-1:0] a_in, b_in, op_b;
  logic                    first_in, drain_in;
  logic        [AccW-1:0]  acc_above;
  logic        [ShW-1:0]   sh_above;
  logic signed [AccW-1:0]  prod;

  always_comb begin : p_next
    {r, c, a_in, b_in, op_b, first_in, drain_in, acc_above, sh_above, prod} = '0;
    for (int unsigned i = 0; i < Pes; i++) begin
      r         = i / Cols;
      c         = i % Cols;
      a_in      = c == 0 ? a_edge[r] : a_q[i-1];
      first_in  = c == 0 ? first_edge[r] : first_q[i-1];
      b_in      = r == 0 ? b_edge[c] : b_q[i-Cols];
      acc_above = r == 0 ? '0 : acc_q[i-Cols];
      sh_above  = r == 0 ? '0 : sh_q[i-Cols];
      drain_in  = drain[c] && r + 32'(drain_rows[c]) > Rows;
      // The weight in use (WS): the preloaded one from first_in on.
      op_b      = !ws ? b_in : first_in ? DataW'(sh_q[i]) : b_q[i];
      // The product at the accumulator's width (the operands sign-extended to it): the same
      // value and netlist as a 2*DataW-bit product sign-extended, fewer steps in Verilator.
      prod      = a_in * op_b;

      a_d[i]     = a_in;
      first_d[i] = first_in;
      b_d[i]     = ws ? op_b : b_in;
      acc_d[i]   = ws ? acc_above + prod : clear_i ? '0 : first_in ? prod : acc_q[i] + prod;
      sh_d[i]    = sh_q[i];
      drain_d[i] = drain_q[i];
      if (ws) begin
        if (w_valid[c] && w_row[c] == RowW'(r)) sh_d[i] = ShW'(b_edge[c]);
      end else if (!first_in && (drain_q[i] || drain_in)) begin
        // OS: finished sums move down one row a cycle until the PE captures again.
        sh_d[i]    = sh_above;
        drain_d[i] = !clear_i;
      end else if (first_in) begin
        sh_d[i]    = ShW'(acc_q[i]);
        drain_d[i] = 1'b0;
      end
    end
  end : p_next

  // The registers. Verilator takes them as whole arrays (a non-blocking write to an element
  // in a loop it keeps rolled is unsupported; a block per PE costs it a stored copy of every
  // register); Yosys 0.23 writes no whole unpacked arrays, so synthesis has a block per PE.
`ifndef SYNTHESIS
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_regs
    if (!rst_ni) begin
      a_q     <= '{default: '0};
      first_q <= '{default: 1'b0};
      b_q     <= '{default: '0};
      acc_q   <= '{default: '0};
      sh_q    <= '{default: '0};
      drain_q <= '{default: 1'b0};
    end else begin
      a_q     <= a_d;
      first_q <= first_d;
      b_q     <= b_d;
      acc_q   <= acc_d;
      sh_q    <= sh_d;
      drain_q <= drain_d;
    end
  end : p_regs
`else
  for (genvar i = 0; i < Pes; i++) begin : gen_pe
    always_ff @(posedge clk_i or negedge rst_ni) begin : p_regs
      if (!rst_ni) begin
        a_q[i]     <= '0;
        first_q[i] <= 1'b0;
        b_q[i]     <= '0;
        acc_q[i]   <= '0;
        sh_q[i]    <= '0;
        drain_q[i] <= 1'b0;
      end else begin
        a_q[i]     <= a_d[i];
        first_q[i] <= first_d[i];
        b_q[i]     <= b_d[i];
        acc_q[i]   <= acc_d[i];
        sh_q[i]    <= sh_d[i];
        drain_q[i] <= drain_d[i];
      end
    end : p_regs
  end : gen_pe
`endif

  // A weight-stationary-only build has no output-stationary results (pe.sv's sh_o = 0).
  for (genvar c_out = 0; c_out < Cols; c_out++) begin : gen_out
    localparam int unsigned Bottom = (Rows - 1) * Cols + c_out;
    assign result_o[c_out*AccW +: AccW] =
        !os_i ? acc_q[Bottom] : (BuildOs != 0) ? AccW'(sh_q[Bottom]) : '0;
  end : gen_out

`ifndef SYNTHESIS
  a_os_built: assert property (@(posedge clk_i) disable iff (!rst_ni) os_i |-> BuildOs != 0)
    else $error("pe_array: output-stationary mode without BuildOs");
  a_ws_built: assert property (@(posedge clk_i) disable iff (!rst_ni) !os_i |-> BuildWs != 0)
    else $error("pe_array: weight-stationary mode without BuildWs");
  for (genvar c_chk = 0; c_chk < Cols; c_chk++) begin : gen_edge_checks
    // A weight for a row beyond the array (Rows not a power of two) would load nowhere.
    a_w_row_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
        w_valid_i[c_chk] |-> 32'(w_row_i[c_chk*RowW +: RowW]) < Rows)
      else $error("pe_array: column %0d's weight is for row %0d of %0d", c_chk,
                  w_row_i[c_chk*RowW +: RowW], Rows);
    a_drain_rows_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
        drain_i[c_chk] |-> drain_rows_i[c_chk*LaneW +: LaneW] != '0 &&
                           32'(drain_rows_i[c_chk*LaneW +: LaneW]) <= Rows)
      else $error("pe_array: column %0d drains %0d rows of %0d", c_chk,
                  drain_rows_i[c_chk*LaneW +: LaneW], Rows);
  end : gen_edge_checks
`endif

endmodule : pe_array
