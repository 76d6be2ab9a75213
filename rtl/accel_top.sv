// The accelerator: a command port feeding three engines (load, execute, store) through
// per-engine queues, three banked SRAM buffers, the PE array inside the execute engine, a
// memory port to the DMA, and activity counters read through ctr_sel_i / ctr_o.
module accel_top
#(
  parameter int unsigned Rows          = 4,
  parameter int unsigned Cols          = 4,
  parameter int unsigned DataW         = 8,
  parameter int unsigned AccW          = 32,
  parameter int unsigned BuildOs       = 1,
  parameter int unsigned BuildWs       = 1,
  parameter int unsigned InEntries     = 256,
  parameter int unsigned InBanks       = 2,
  parameter int unsigned WEntries      = 256,
  parameter int unsigned WBanks        = 2,
  parameter int unsigned AccEntries    = 256,
  parameter int unsigned AccBanks      = 2,
  parameter int unsigned QueueDepth    = codesign_pkg::CmdQueueDepth,
  parameter int unsigned CountActivity = 1
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  // commands
  input  logic               cmd_valid_i,
  output logic               cmd_ready_o,
  input  logic [63:0]        cmd_w0_i,
  input  logic [63:0]        cmd_w1_i,
  input  logic [63:0]        cmd_w2_i,
  output logic               idle_o,
  output logic               error_o,    // sticky: an unknown opcode was received
  // memory reads (lane j of the response at bits [16j +: DataW])
  output logic               rd_req_valid_o,
  input  logic               rd_req_ready_i,
  output logic [31:0]        rd_req_addr_o,
  output logic [7:0]         rd_req_len_o,
  output logic [15:0]        rd_req_stride_o,
  input  logic               rd_rsp_valid_i,
  output logic               rd_rsp_ready_o,
  input  logic [codesign_pkg::RdDataW-1:0] rd_rsp_data_i,
  // memory writes (lane j at bits [32j +: AccW])
  output logic               wr_valid_o,
  input  logic               wr_ready_i,
  output logic [31:0]        wr_addr_o,
  output logic [7:0]         wr_len_o,
  output logic [15:0]        wr_stride_o,
  output logic [codesign_pkg::WrDataW-1:0] wr_data_o,
  // activity counters
  input  logic               clear_counters_i,
  input  logic [4:0]         ctr_sel_i,
  output logic [63:0]        ctr_o
);
  // ---------------------------------------------------------------- parameter checks
  if (Rows < 1 || Rows > codesign_pkg::MaxLanes) begin : gen_bad_rows
    $error("accel_top: Rows must be in [1, 64]");
  end : gen_bad_rows
  if (Cols < 1 || Cols > codesign_pkg::MaxLanes) begin : gen_bad_cols
    $error("accel_top: Cols must be in [1, 64]");
  end : gen_bad_cols
  if (DataW != 8 && DataW != 16) begin : gen_bad_dataw
    $error("accel_top: DataW must be 8 or 16");
  end : gen_bad_dataw
  if (AccW < 2 * DataW || AccW > 32) begin : gen_bad_accw
    $error("accel_top: AccW must be in [2*DataW, 32]");
  end : gen_bad_accw
  if (BuildOs == 0 && BuildWs == 0) begin : gen_bad_dataflows
    $error("accel_top: at least one of BuildOs, BuildWs must be set");
  end : gen_bad_dataflows
  if (InEntries % InBanks != 0 || WEntries % WBanks != 0 || AccEntries % AccBanks != 0)
  begin : gen_bad_banks
    $error("accel_top: buffer entries must be a multiple of their bank count");
  end : gen_bad_banks
  if (InEntries > 65536 || WEntries > 65536 || AccEntries > 65536) begin : gen_bad_entries
    $error("accel_top: buffers hold at most 65536 entries (16-bit addresses)");
  end : gen_bad_entries

  localparam int unsigned InAddrW  = (InEntries > 1) ? $clog2(InEntries) : 1;
  localparam int unsigned WAddrW   = (WEntries > 1) ? $clog2(WEntries) : 1;
  localparam int unsigned AccAddrW = (AccEntries > 1) ? $clog2(AccEntries) : 1;

  // ---------------------------------------------------------------- dispatch
  codesign_pkg::cmd_t cmd;
  logic [7:0]         op;
  logic [2:0] q_push_ready, q_pop_valid, q_pop_ready, q_empty, busy;
  logic [$bits(cmd)-1:0] q_head [3];  // cmd_t (Yosys 0.23 mis-sizes arrays of structs)
  logic [$clog2(QueueDepth):0] unused_q_count [3];
  localparam int unsigned QLoad = 0, QExec = 1, QStore = 2;

  assign cmd = {cmd_w2_i, cmd_w1_i, cmd_w0_i};
  assign op  = cmd.op;
  wire all_idle = &q_empty && ~|busy;

  always_comb begin : p_dispatch
    unique case (op)
      codesign_pkg::OpLoad:    cmd_ready_o = q_push_ready[QLoad];
      codesign_pkg::OpCompute: cmd_ready_o = q_push_ready[QExec];
      codesign_pkg::OpStore:   cmd_ready_o = q_push_ready[QStore];
      codesign_pkg::OpSync:    cmd_ready_o = all_idle;
      default:   cmd_ready_o = 1'b1;  // dropped, flagged in error_o
    endcase
  end : p_dispatch

  for (genvar q = 0; q < 3; q++) begin : gen_queue
    localparam codesign_pkg::opcode_e QOp = (q == QLoad) ? codesign_pkg::OpLoad
                                          : (q == QExec) ? codesign_pkg::OpCompute
                                                         : codesign_pkg::OpStore;
    fifo #(
      .Width($bits(cmd)),
      .Depth(QueueDepth)
    ) i_queue (
      .clk_i,
      .rst_ni,
      .push_valid_i(cmd_valid_i && op == QOp),
      .push_ready_o(q_push_ready[q]),
      .push_data_i (cmd),
      .pop_valid_o (q_pop_valid[q]),
      .pop_ready_i (q_pop_ready[q]),
      .pop_data_o  (q_head[q]),
      .empty_o     (q_empty[q]),
      .count_o     (unused_q_count[q])
    );
  end : gen_queue

  wire known_op = op == codesign_pkg::OpLoad || op == codesign_pkg::OpCompute ||
                  op == codesign_pkg::OpStore || op == codesign_pkg::OpSync;
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_error
    if (!rst_ni) error_o <= 1'b0;
    else if (cmd_valid_i && !known_op) error_o <= 1'b1;
  end : p_error

  assign idle_o = all_idle;

`ifndef SYNTHESIS
  // The command port: a command is held, unchanged, until it is taken.
  a_cmd_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cmd_valid_i && !cmd_ready_o |=> cmd_valid_i && $stable({cmd_w2_i, cmd_w1_i, cmd_w0_i}))
    else $error("accel_top: command withdrawn or changed before it was taken");
`endif

  // ---------------------------------------------------------------- buffers
  logic                         ex_in_req, ex_w_req, ex_acc_rd_req, ex_acc_wr_req;
  logic [InAddrW-1:0]           ex_in_addr, ld_in_addr;
  logic [WAddrW-1:0]            ex_w_addr, ld_w_addr;
  logic [AccAddrW-1:0]          ex_acc_rd_addr, ex_acc_wr_addr, st_acc_addr;
  // Vectors are flat, lane i at [i*W +: W] (Yosys 0.23 has no multi-dimensional packed ports).
  logic [Rows*DataW-1:0]        in_rdata, ld_in_data;
  logic [Cols*DataW-1:0]        w_rdata, ld_w_data;
  logic [Cols*AccW-1:0]         acc_rdata_ex, acc_rdata_st, ex_acc_wdata;
  logic                         ld_in_req, ld_w_req, ld_in_gnt, ld_w_gnt, st_acc_req, st_acc_gnt;
  logic [63:0] in_reads, in_writes, in_conf, w_reads, w_writes, w_conf;
  logic [63:0] acc_reads, acc_writes, acc_conf;
  // Load-only ports B of the operand buffers never read.
  logic [Rows*DataW-1:0]        unused_in_b_rdata;
  logic [Cols*DataW-1:0]        unused_w_b_rdata;

  banked_sram #(
    .Width(Rows * DataW),
    .Depth(InEntries),
    .Banks(InBanks)
  ) i_input_buffer (
    .clk_i,
    .rst_ni,
    .a_req_i         (ex_in_req),
    .a_we_i          (1'b0),
    .a_addr_i        (ex_in_addr),
    .a_wdata_i       ('0),
    .a_rdata_o       (in_rdata),
    .b_req_i         (ld_in_req),
    .b_we_i          (1'b1),
    .b_addr_i        (ld_in_addr),
    .b_wdata_i       (ld_in_data),
    .b_gnt_o         (ld_in_gnt),
    .b_rdata_o       (unused_in_b_rdata),
    .w_req_i         (1'b0),
    .w_addr_i        ('0),
    .w_wdata_i       ('0),
    .reads_o         (in_reads),
    .writes_o        (in_writes),
    .conflicts_o     (in_conf),
    .clear_counters_i
  );

  banked_sram #(
    .Width(Cols * DataW),
    .Depth(WEntries),
    .Banks(WBanks)
  ) i_weight_buffer (
    .clk_i,
    .rst_ni,
    .a_req_i         (ex_w_req),
    .a_we_i          (1'b0),
    .a_addr_i        (ex_w_addr),
    .a_wdata_i       ('0),
    .a_rdata_o       (w_rdata),
    .b_req_i         (ld_w_req),
    .b_we_i          (1'b1),
    .b_addr_i        (ld_w_addr),
    .b_wdata_i       (ld_w_data),
    .b_gnt_o         (ld_w_gnt),
    .b_rdata_o       (unused_w_b_rdata),
    .w_req_i         (1'b0),
    .w_addr_i        ('0),
    .w_wdata_i       ('0),
    .reads_o         (w_reads),
    .writes_o        (w_writes),
    .conflicts_o     (w_conf),
    .clear_counters_i
  );

  banked_sram #(
    .Width       (Cols * AccW),
    .Depth       (AccEntries),
    .Banks       (AccBanks),
    .HasWritePort(1)
  ) i_accumulator_buffer (
    .clk_i,
    .rst_ni,
    .a_req_i         (ex_acc_rd_req),
    .a_we_i          (1'b0),
    .a_addr_i        (ex_acc_rd_addr),
    .a_wdata_i       ('0),
    .a_rdata_o       (acc_rdata_ex),
    .b_req_i         (st_acc_req),
    .b_we_i          (1'b0),
    .b_addr_i        (st_acc_addr),
    .b_wdata_i       ('0),
    .b_gnt_o         (st_acc_gnt),
    .b_rdata_o       (acc_rdata_st),
    .w_req_i         (ex_acc_wr_req),
    .w_addr_i        (ex_acc_wr_addr),
    .w_wdata_i       (ex_acc_wdata),
    .reads_o         (acc_reads),
    .writes_o        (acc_writes),
    .conflicts_o     (acc_conf),
    .clear_counters_i
  );

  // ---------------------------------------------------------------- engines
  logic [63:0] macs, zero_macs, in_toggles, w_toggles;
  logic        load_waiting;

  load_engine #(
    .Rows   (Rows),
    .Cols   (Cols),
    .DataW  (DataW),
    .InAddrW(InAddrW),
    .WAddrW (WAddrW)
  ) i_load (
    .clk_i,
    .rst_ni,
    .cmd_valid_i    (q_pop_valid[QLoad]),
    .cmd_ready_o    (q_pop_ready[QLoad]),
    .cmd_i          (q_head[QLoad]),
    .busy_o         (busy[QLoad]),
    .rd_req_valid_o,
    .rd_req_ready_i,
    .rd_req_addr_o,
    .rd_req_len_o,
    .rd_req_stride_o,
    .rd_rsp_valid_i,
    .rd_rsp_ready_o,
    .rd_rsp_data_i,
    .in_wr_req_o    (ld_in_req),
    .in_wr_addr_o   (ld_in_addr),
    .in_wr_data_o   (ld_in_data),
    .in_wr_gnt_i    (ld_in_gnt),
    .w_wr_req_o     (ld_w_req),
    .w_wr_addr_o    (ld_w_addr),
    .w_wr_data_o    (ld_w_data),
    .w_wr_gnt_i     (ld_w_gnt),
    .waiting_o      (load_waiting)
  );

  exec_engine #(
    .Rows         (Rows),
    .Cols         (Cols),
    .DataW        (DataW),
    .AccW         (AccW),
    .BuildOs      (BuildOs),
    .BuildWs      (BuildWs),
    .InAddrW      (InAddrW),
    .WAddrW       (WAddrW),
    .AccAddrW     (AccAddrW),
    .CountActivity(CountActivity)
  ) i_exec (
    .clk_i,
    .rst_ni,
    .clear_counters_i,
    .cmd_valid_i  (q_pop_valid[QExec]),
    .cmd_ready_o  (q_pop_ready[QExec]),
    .cmd_i        (q_head[QExec]),
    .busy_o       (busy[QExec]),
    .in_req_o     (ex_in_req),
    .in_addr_o    (ex_in_addr),
    .in_rdata_i   (in_rdata),
    .w_req_o      (ex_w_req),
    .w_addr_o     (ex_w_addr),
    .w_rdata_i    (w_rdata),
    .acc_rd_req_o (ex_acc_rd_req),
    .acc_rd_addr_o(ex_acc_rd_addr),
    .acc_rdata_i  (acc_rdata_ex),
    .acc_wr_req_o (ex_acc_wr_req),
    .acc_wr_addr_o(ex_acc_wr_addr),
    .acc_wr_data_o(ex_acc_wdata),
    .macs_o       (macs),
    .zero_macs_o  (zero_macs),
    .in_toggles_o (in_toggles),
    .w_toggles_o  (w_toggles)
  );

  store_engine #(
    .Cols    (Cols),
    .AccW    (AccW),
    .AccAddrW(AccAddrW)
  ) i_store (
    .clk_i,
    .rst_ni,
    .cmd_valid_i  (q_pop_valid[QStore]),
    .cmd_ready_o  (q_pop_ready[QStore]),
    .cmd_i        (q_head[QStore]),
    .busy_o       (busy[QStore]),
    .acc_rd_req_o (st_acc_req),
    .acc_rd_addr_o(st_acc_addr),
    .acc_rd_gnt_i (st_acc_gnt),
    .acc_rdata_i  (acc_rdata_st),
    .wr_valid_o,
    .wr_ready_i,
    .wr_addr_o,
    .wr_len_o,
    .wr_stride_o,
    .wr_data_o
  );

  // ---------------------------------------------------------------- counters
  // Read out by codesign_pkg::ctr_sel_e.
  logic [63:0] cycles_q, exec_busy_q, load_busy_q, store_busy_q, dram_stall_q, idle_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_counters
    if (!rst_ni) begin
      {cycles_q, exec_busy_q, load_busy_q, store_busy_q, dram_stall_q, idle_q} <= '0;
    end else if (clear_counters_i) begin
      {cycles_q, exec_busy_q, load_busy_q, store_busy_q, dram_stall_q, idle_q} <= '0;
    end else begin
      cycles_q     <= cycles_q + 1;
      exec_busy_q  <= exec_busy_q + 64'(busy[QExec]);
      load_busy_q  <= load_busy_q + 64'(busy[QLoad]);
      store_busy_q <= store_busy_q + 64'(busy[QStore]);
      dram_stall_q <= dram_stall_q + 64'(load_waiting);
      idle_q       <= idle_q + 64'(all_idle);
    end
  end : p_counters

  always_comb begin : p_ctr_mux
    // No cast to ctr_sel_e here: Yosys 0.23 (area/) cannot parse a cast to a package type.
    unique case (ctr_sel_i)
      codesign_pkg::CtrCycles:        ctr_o = cycles_q;
      codesign_pkg::CtrMacs:          ctr_o = macs;
      codesign_pkg::CtrZeroMacs:      ctr_o = zero_macs;
      codesign_pkg::CtrInputToggles:  ctr_o = in_toggles;
      codesign_pkg::CtrWeightToggles: ctr_o = w_toggles;
      codesign_pkg::CtrInputReads:    ctr_o = in_reads;
      codesign_pkg::CtrInputWrites:   ctr_o = in_writes;
      codesign_pkg::CtrWeightReads:   ctr_o = w_reads;
      codesign_pkg::CtrWeightWrites:  ctr_o = w_writes;
      codesign_pkg::CtrAccReads:      ctr_o = acc_reads;
      codesign_pkg::CtrAccWrites:     ctr_o = acc_writes;
      codesign_pkg::CtrExecBusy:      ctr_o = exec_busy_q;
      codesign_pkg::CtrLoadBusy:      ctr_o = load_busy_q;
      codesign_pkg::CtrStoreBusy:     ctr_o = store_busy_q;
      codesign_pkg::CtrBankConflicts: ctr_o = in_conf + w_conf + acc_conf;
      codesign_pkg::CtrDramStall:     ctr_o = dram_stall_q;
      codesign_pkg::CtrIdle:          ctr_o = idle_q;
      default:                        ctr_o = '0;  // CtrNone and unused selects
    endcase
  end : p_ctr_mux

endmodule : accel_top
