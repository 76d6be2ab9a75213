// One processing element: a signed DataW x DataW multiplier feeding an AccW accumulator.
// The input operand shifts right every cycle; the weight operand shifts down when
// b_shift_i is set (always in output-stationary mode, only while preloading in
// weight-stationary mode) and holds otherwise.
module pe
#(
  parameter int unsigned DataW   = 8,
  parameter int unsigned AccW    = 32,
  parameter int unsigned BuildOs = 1,
  parameter int unsigned BuildWs = 1
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  input  codesign_pkg::pe_mode_e  mode_i,
  input  logic                    b_shift_i,
  input  logic signed [DataW-1:0] a_i,        // from the left neighbour
  input  logic signed [DataW-1:0] b_i,        // from the neighbour above
  input  logic        [AccW-1:0]  acc_above_i,
  input  logic        [AccW-1:0]  acc_below_i,
  output logic signed [DataW-1:0] a_o,
  output logic signed [DataW-1:0] b_o,
  output logic        [AccW-1:0]  acc_o
);
  logic signed [DataW-1:0] a_q, b_q;
  logic        [AccW-1:0]  acc_q, acc_d;

  // Output-stationary multiplies the arriving weight; weight-stationary the held one.
  wire signed [DataW-1:0]   b_mul   = (mode_i == codesign_pkg::PeWsMac) ? b_q : b_i;
  wire signed [2*DataW-1:0] product = a_i * b_mul;
  wire        [AccW-1:0]    prod_ext = AccW'(signed'(product));

  always_comb begin : p_acc_next
    acc_d = acc_q;
    unique case (mode_i)
      codesign_pkg::PeClear: acc_d = '0;
      codesign_pkg::PeOsMac: if (BuildOs != 0) acc_d = acc_q + prod_ext;
      codesign_pkg::PeWsMac: if (BuildWs != 0) acc_d = acc_above_i + prod_ext;
      codesign_pkg::PeDrain: if (BuildOs != 0) acc_d = acc_below_i;
      default: acc_d = acc_q;
    endcase
  end : p_acc_next

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_regs
    if (!rst_ni) begin
      a_q   <= '0;
      b_q   <= '0;
      acc_q <= '0;
    end else begin
      a_q   <= a_i;
      acc_q <= acc_d;
      if (b_shift_i) b_q <= b_i;
    end
  end : p_regs

  assign a_o   = a_q;
  assign b_o   = b_q;
  assign acc_o = acc_q;

endmodule : pe
