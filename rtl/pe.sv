// One processing element: a signed DataW x DataW multiplier feeding an AccW accumulator.
// Operands arrive skewed, so a tile boundary reaches PE (r, c) r + c cycles after it
// entered the array; first_i marks it, travelling right with the input operand. That lets
// consecutive tiles follow each other without a gap:
//   output-stationary: acc accumulates a * b (b flows down). At first_i the finished sum
//     moves into the shadow register sh and acc restarts with this cycle's product. Shadow
//     registers drain down the column one row per cycle from the column's drain pulse on,
//     until the PE captures again (the engine spaces tiles so that a drain completes).
//   weight-stationary: b holds this tile's weight, sh the next tile's (written from the
//     column's weight bus when w_load_i); at first_i sh moves into b, and the product already
//     uses it. acc = acc of the PE above + a * weight: partial sums flow down.
module pe
#(
  parameter int unsigned DataW   = 8,
  parameter int unsigned AccW    = 32,
  parameter int unsigned BuildOs = 1,
  parameter int unsigned BuildWs = 1
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  input  logic                    os_i,        // output-stationary mode
  input  logic                    clear_i,     // zero acc (output-stationary, array idle)
  input  logic signed [DataW-1:0] a_i,         // from the left neighbour
  input  logic                    first_i,     // travels with a_i
  input  logic signed [DataW-1:0] b_i,         // from the neighbour above (OS)
  input  logic        [DataW-1:0] w_bus_i,     // column weight bus (WS)
  input  logic                    w_load_i,    // the bus holds this PE's next weight (WS)
  input  logic                    drain_i,     // column drain pulse (OS)
  input  logic        [AccW-1:0]  acc_above_i,
  input  logic        [AccW-1:0]  sh_above_i,
  output logic signed [DataW-1:0] a_o,
  output logic                    first_o,
  output logic signed [DataW-1:0] b_o,
  output logic        [AccW-1:0]  acc_o,
  output logic        [AccW-1:0]  sh_o
);
  logic signed [DataW-1:0] a_q, b_q;
  logic                    first_q;
  logic        [AccW-1:0]  acc_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_operand
    if (!rst_ni) begin
      a_q     <= '0;
      first_q <= 1'b0;
    end else begin
      a_q     <= a_i;
      first_q <= first_i;
    end
  end : p_operand
  assign a_o     = a_q;
  assign first_o = first_q;
  assign b_o     = b_q;
  assign acc_o   = acc_q;

  if (BuildOs != 0) begin : gen_os
    // The shadow register holds finished sums (OS) or, low bits, the next weight (WS).
    logic [AccW-1:0] sh_q;
    logic            drain_q;
    wire             ws        = (BuildWs != 0) && !os_i;
    // The weight in use (WS): the preloaded one from first_i on. Written out in op_b and
    // at the swap below, not as a shared wire, which Verilator would store for every PE.
    wire signed [DataW-1:0]   op_b    = !ws ? b_i : first_i ? DataW'(sh_q) : b_q;
    // The product at the accumulator's width (the operands sign-extended to it): the same
    // value and netlist as a 2*DataW-bit product sign-extended, fewer steps in Verilator.
    wire signed [AccW-1:0]    prod_ext = a_i * op_b;

    always_ff @(posedge clk_i or negedge rst_ni) begin : p_pe
      if (!rst_ni) begin
        b_q     <= '0;
        acc_q   <= '0;
        sh_q    <= '0;
        drain_q <= 1'b0;
      end else if (ws) begin
        acc_q <= acc_above_i + prod_ext;
        if (first_i) b_q <= DataW'(sh_q);
        if (w_load_i) sh_q <= AccW'(w_bus_i);
      end else begin
        // Written so that Verilator needs no per-PE copies: acc_q and drain_q are read before
        // they are written, drain_i (an expression of the column's pulse) once.
        if (!first_i && (drain_q || drain_i)) begin
          sh_q    <= sh_above_i;
          drain_q <= !clear_i;
        end else if (first_i) begin
          sh_q    <= acc_q;
          drain_q <= 1'b0;
        end
        b_q   <= b_i;
        acc_q <= clear_i ? '0 : first_i ? prod_ext : acc_q + prod_ext;
      end
    end : p_pe
    assign sh_o = sh_q;
    if (BuildWs == 0) begin : gen_no_ws
      logic unused;
      assign unused = ^{w_bus_i, w_load_i, acc_above_i};
    end : gen_no_ws
  end : gen_os
  else begin : gen_ws_only
    logic [DataW-1:0] sh_q;
    wire signed [DataW-1:0] w = first_i ? sh_q : b_q;
    wire signed [AccW-1:0]    prod_ext = a_i * w;

    always_ff @(posedge clk_i or negedge rst_ni) begin : p_pe
      if (!rst_ni) begin
        b_q   <= '0;
        acc_q <= '0;
        sh_q  <= '0;
      end else begin
        acc_q <= acc_above_i + prod_ext;
        if (first_i) b_q <= w;
        if (w_load_i) sh_q <= w_bus_i;
      end
    end : p_pe
    assign sh_o = '0;
    logic unused;
    assign unused = ^{os_i, clear_i, b_i, drain_i, sh_above_i};
  end : gen_ws_only

endmodule : pe
