// A small synchronous FIFO with valid/ready on both sides (no fall-through).
module fifo #(
  parameter int unsigned Width = 8,
  parameter int unsigned Depth = 4,
  localparam int unsigned PtrW = (Depth > 1) ? $clog2(Depth) : 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             push_valid_i,
  output logic             push_ready_o,
  input  logic [Width-1:0] push_data_i,
  output logic             pop_valid_o,
  input  logic             pop_ready_i,
  output logic [Width-1:0] pop_data_o,
  output logic             empty_o,
  output logic [PtrW:0]    count_o
);

  logic [Width-1:0] mem_q [Depth];
  logic [PtrW-1:0]  rd_ptr_q, wr_ptr_q;
  logic [PtrW:0]    count_q;

  wire push = push_valid_i && push_ready_o;
  wire pop  = pop_valid_o && pop_ready_i;

  assign push_ready_o = count_q != (PtrW+1)'(Depth);
  assign pop_valid_o  = count_q != '0;
  assign pop_data_o   = mem_q[rd_ptr_q];
  assign empty_o      = count_q == '0;
  assign count_o      = count_q;

  function automatic logic [PtrW-1:0] next_ptr(input logic [PtrW-1:0] p);
    next_ptr = (p == PtrW'(Depth - 1)) ? '0 : p + 1'b1;
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_ptrs
    if (!rst_ni) begin
      rd_ptr_q <= '0;
      wr_ptr_q <= '0;
      count_q  <= '0;
    end else begin
      if (push) wr_ptr_q <= next_ptr(wr_ptr_q);
      if (pop) rd_ptr_q <= next_ptr(rd_ptr_q);
      count_q <= count_q + (PtrW+1)'(push) - (PtrW+1)'(pop);
    end
  end : p_ptrs

  always_ff @(posedge clk_i) begin : p_mem
    if (push) mem_q[wr_ptr_q] <= push_data_i;
  end : p_mem

`ifndef SYNTHESIS
  // A push offered to a full FIFO must wait, unchanged, until there is room: a producer that
  // withdraws or changes it has pushed when full, and the item is lost.
  a_push_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      push_valid_i && !push_ready_o |=> push_valid_i && $stable(push_data_i))
    else $error("fifo: pushed when full (a push offered while full was withdrawn or changed)");
  // The head is offered until it is taken, unchanged.
  a_pop_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      pop_valid_o && !pop_ready_i |=> pop_valid_o && $stable(pop_data_o))
    else $error("fifo: the head changed before it was popped");
  a_count_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
      32'(count_q) <= Depth)
    else $error("fifo: count %0d exceeds the depth", count_q);
`endif

endmodule : fifo
