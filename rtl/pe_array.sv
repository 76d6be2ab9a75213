// Rows x Cols PEs. Inputs enter at the left edge (one lane per row) and the top edge (one
// lane per column); output-stationary results drain out through row 0, weight-stationary
// partial sums leave through the bottom row.
module pe_array
#(
  parameter int unsigned Rows    = 4,
  parameter int unsigned Cols    = 4,
  parameter int unsigned DataW   = 8,
  parameter int unsigned AccW    = 32,
  parameter int unsigned BuildOs = 1,
  parameter int unsigned BuildWs = 1
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  codesign_pkg::pe_mode_e mode_i,
  input  logic                   b_shift_i,
  // Lane i of a vector port is at [i*W +: W] (flat: Yosys 0.23 has no multi-dimensional
  // packed ports).
  input  logic [Rows*DataW-1:0]  a_edge_i,
  input  logic [Cols*DataW-1:0]  b_edge_i,
  output logic [Cols*AccW-1:0]   acc_top_o,
  output logic [Cols*AccW-1:0]   acc_bottom_o
);
  // Neighbour wiring, one extra row/column for the edges.
  logic [DataW-1:0] a_w [Rows][Cols+1];
  logic [DataW-1:0] b_w [Rows+1][Cols];
  logic [AccW-1:0]  acc_w [Rows][Cols];

  for (genvar r = 0; r < Rows; r++) begin : gen_row
    assign a_w[r][0] = a_edge_i[r*DataW +: DataW];
    for (genvar c = 0; c < Cols; c++) begin : gen_col
      if (r == 0) begin : gen_top_edge
        assign b_w[0][c] = b_edge_i[c*DataW +: DataW];
      end : gen_top_edge
      pe #(
        .DataW  (DataW),
        .AccW   (AccW),
        .BuildOs(BuildOs),
        .BuildWs(BuildWs)
      ) i_pe (
        .clk_i,
        .rst_ni,
        .mode_i,
        .b_shift_i,
        .a_i        (a_w[r][c]),
        .b_i        (b_w[r][c]),
        .acc_above_i(r == 0 ? '0 : acc_w[(r == 0) ? 0 : r-1][c]),
        .acc_below_i(r == Rows-1 ? '0 : acc_w[(r == Rows-1) ? r : r+1][c]),
        .a_o        (a_w[r][c+1]),
        .b_o        (b_w[r+1][c]),
        .acc_o      (acc_w[r][c])
      );
    end : gen_col
  end : gen_row

  for (genvar c = 0; c < Cols; c++) begin : gen_out
    assign acc_top_o[c*AccW +: AccW]    = acc_w[0][c];
    assign acc_bottom_o[c*AccW +: AccW] = acc_w[Rows-1][c];
  end : gen_out

  // The right-most a outputs and the bottom b outputs leave the array unused.
  logic unused;
  assign unused = ^{a_w[Rows-1][Cols], b_w[Rows][0]};

endmodule : pe_array
