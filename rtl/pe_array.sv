// Rows x Cols PEs. Inputs (and their tile marks) enter at the left edge, one lane per row;
// output-stationary weights at the top edge, one lane per column; weight-stationary weights
// on a bus per column, written into the PE of row w_row_i. Results leave through the
// bottom row: output-stationary shadow registers draining down, weight-stationary partial
// sums flowing down.
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
  // Neighbour wiring, one extra row/column for the edges.
  logic [DataW-1:0] a_w [Rows][Cols+1];
  logic             f_w [Rows][Cols+1];
  logic [DataW-1:0] b_w [Rows+1][Cols];
  logic [AccW-1:0]  acc_w [Rows+1][Cols];
  logic [AccW-1:0]  sh_w [Rows+1][Cols];

  for (genvar r = 0; r < Rows; r++) begin : gen_row
    assign a_w[r][0] = a_edge_i[r*DataW +: DataW];
    assign f_w[r][0] = first_edge_i[r];
    for (genvar c = 0; c < Cols; c++) begin : gen_col
      if (r == 0) begin : gen_top_edge
        assign b_w[0][c]   = b_edge_i[c*DataW +: DataW];
        assign acc_w[0][c] = '0;
        assign sh_w[0][c]  = '0;
      end : gen_top_edge
      pe #(
        .DataW  (DataW),
        .AccW   (AccW),
        .BuildOs(BuildOs),
        .BuildWs(BuildWs)
      ) i_pe (
        .clk_i,
        .rst_ni,
        .os_i,
        .clear_i,
        .a_i        (a_w[r][c]),
        .first_i    (f_w[r][c]),
        .b_i        (b_w[r][c]),
        .w_bus_i    (b_edge_i[c*DataW +: DataW]),
        .w_load_i   (w_valid_i[c] && w_row_i[c*RowW +: RowW] == RowW'(r)),
        .drain_i    (drain_i[c] && r + 32'(drain_rows_i[c*LaneW +: LaneW]) > Rows),
        .acc_above_i(acc_w[r][c]),
        .sh_above_i (sh_w[r][c]),
        .a_o        (a_w[r][c+1]),
        .first_o    (f_w[r][c+1]),
        .b_o        (b_w[r+1][c]),
        .acc_o      (acc_w[r+1][c]),
        .sh_o       (sh_w[r+1][c])
      );
    end : gen_col
  end : gen_row

  for (genvar c = 0; c < Cols; c++) begin : gen_out
    assign result_o[c*AccW +: AccW] = os_i ? sh_w[Rows][c] : acc_w[Rows][c];
  end : gen_out

`ifndef SYNTHESIS
  a_os_built: assert property (@(posedge clk_i) disable iff (!rst_ni) os_i |-> BuildOs != 0)
    else $error("pe_array: output-stationary mode without BuildOs");
  a_ws_built: assert property (@(posedge clk_i) disable iff (!rst_ni) !os_i |-> BuildWs != 0)
    else $error("pe_array: weight-stationary mode without BuildWs");
  for (genvar c = 0; c < Cols; c++) begin : gen_edge_checks
    // A weight for a row beyond the array (Rows not a power of two) would load nowhere.
    a_w_row_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
        w_valid_i[c] |-> 32'(w_row_i[c*RowW +: RowW]) < Rows)
      else $error("pe_array: column %0d's weight is for row %0d of %0d", c,
                  w_row_i[c*RowW +: RowW], Rows);
    a_drain_rows_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
        drain_i[c] |-> drain_rows_i[c*LaneW +: LaneW] != '0 &&
                       32'(drain_rows_i[c*LaneW +: LaneW]) <= Rows)
      else $error("pe_array: column %0d drains %0d rows of %0d", c,
                  drain_rows_i[c*LaneW +: LaneW], Rows);
  end : gen_edge_checks
`endif

  // The right-most a outputs and the bottom b outputs leave the array unused.
  logic unused;
  assign unused = ^{a_w[Rows-1][Cols], f_w[Rows-1][Cols], b_w[Rows][0]};

endmodule : pe_array
