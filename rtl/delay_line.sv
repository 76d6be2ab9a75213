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
    // Stage i at [i*Width +: Width]; stage 0 takes d_i.
    logic [Depth*Width-1:0] stage_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin : p_shift
      if (!rst_ni) stage_q <= '0;
      else begin
        stage_q[0 +: Width] <= d_i;
        for (int i = 1; i < Depth; i++) stage_q[i*Width +: Width] <= stage_q[(i-1)*Width +: Width];
      end
    end : p_shift
    assign q_o = stage_q[(Depth-1)*Width +: Width];
  end : gen_stages

endmodule : delay_line
