// A fixed delay of Depth cycles (Depth = 0: a wire), reset to zero. The array's edges use
// one per lane: the operand skews and the de-skew of results.
module delay_line #(
  parameter int unsigned Width = 8,
  parameter int unsigned Depth = 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic [Width-1:0] d_i,
  output logic [Width-1:0] q_o
);
  if (Depth == 0) begin : gen_wire
    assign q_o = d_i;
    logic unused;
    assign unused = ^{clk_i, rst_ni};
  end : gen_wire
  else begin : gen_stages
    // One register per stage, each its own variable: Verilator then copies Depth words a
    // cycle, where one Depth*Width-bit vector shifted as a whole (or an unpacked array
    // written stage by stage) costs a wide shift or per-element write flags every cycle.
    for (genvar i = 0; i < Depth; i++) begin : gen_stage
      logic [Width-1:0] q;
      wire  [Width-1:0] d;
      if (i == 0) begin : gen_first
        assign d = d_i;
      end : gen_first
      else begin : gen_next
        assign d = gen_stage[i-1].q;
      end : gen_next
      always_ff @(posedge clk_i or negedge rst_ni) begin : p_stage
        if (!rst_ni) q <= '0;
        else q <= d;
      end : p_stage
    end : gen_stage
    assign q_o = gen_stage[Depth-1].q;
  end : gen_stages

endmodule : delay_line
