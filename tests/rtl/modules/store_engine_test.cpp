// rtl/store_engine.sv (3 lanes of 24-bit sums, a 4-deep beat FIFO) running random STOREs
// against the ISA's definition (arch/isa.hpp): every memory write request (address, length,
// stride, every lane of its data) compared with the reference, transaction by transaction.
// Random stalls: commands offered at random, accumulator reads granted at random (the
// execute engine's priority), write requests taken at random; the read data bus carries junk
// except the cycle after a granted read, as the buffer's read port would not guarantee it.
#include <gtest/gtest.h>

#include <array>
#include <deque>

#include "Vstore_engine.h"
#include "arch/isa.hpp"
#include "tests/rtl/modules/module_sim.hpp"

namespace codesign::rtl_modules::store_engine {
namespace {

constexpr int kCols = 3, kAccW = 24, kEntries = 32, kCommands = 4000;

struct WriteRequest {
  std::uint32_t addr, len, stride;
  std::array<std::uint32_t, kCols> lanes;
};

TEST(StoreEngineModule, MatchesIsaWithRandomBackPressure) {
  ModuleSim<Vstore_engine> sim;
  Vstore_engine& io = sim.io();
  Random rnd(51);
  io.cmd_valid_i = io.acc_rd_gnt_i = io.wr_ready_i = 0;
  sim.reset();

  std::array<std::array<std::uint32_t, kCols>, kEntries> acc;
  for (auto& entry : acc)
    for (auto& lane : entry) lane = static_cast<std::uint32_t>(rnd.bits(kAccW));

  std::deque<WriteRequest> expected;
  bool offering_cmd = false, read_granted = false;
  std::uint32_t read_addr = 0;
  arch::Command cmd;
  int issued = 0;
  std::uint64_t writes = 0, gnt_waits = 0, ready_waits = 0;
  double p_cmd = 0.5, p_gnt = 0.5, p_ready = 0.5;
  for (int cycle = 0; issued < kCommands || !expected.empty(); ++cycle) {
    ASSERT_LT(cycle, 2000000) << "the engine stopped making progress";
    if (cycle % 2000 == 0) {
      p_cmd = rnd.range(2, 10) / 10.0;
      p_gnt = rnd.range(1, 10) / 10.0;
      p_ready = rnd.range(1, 10) / 10.0;
    }
    if (!offering_cmd && issued < kCommands && rnd.chance(p_cmd)) {
      offering_cmd = true;
      const auto count = static_cast<std::uint32_t>(rnd.range(1, 6));
      cmd = arch::Command::store(static_cast<std::uint32_t>(rnd.range(0, kEntries - count)),
                                 static_cast<std::uint32_t>(rnd.range(0, 1u << 20)), count,
                                 static_cast<std::uint32_t>(rnd.range(1, kCols)),
                                 static_cast<std::uint32_t>(rnd.range(0, 16)),
                                 static_cast<std::uint32_t>(rnd.range(0, 400)));
      const arch::EncodedCommand w = arch::encode(cmd);
      for (int i = 0; i < 3; ++i) set_bits(io.cmd_i, 64 * i, 64, w[i]);
    }
    io.cmd_valid_i = offering_cmd;
    io.acc_rd_gnt_i = rnd.chance(p_gnt);
    io.wr_ready_i = rnd.chance(p_ready);
    for (int c = 0; c < kCols; ++c)
      set_bits(io.acc_rdata_i, c * kAccW, kAccW,
               read_granted ? acc[read_addr][c] : rnd.bits(kAccW));
    sim.settle();

    if (!expected.empty()) {
      ASSERT_TRUE(io.busy_o) << "cycle " << cycle;
    }
    if (io.cmd_valid_i && io.cmd_ready_o) {
      for (std::uint32_t i = 0; i < cmd.count; ++i)
        expected.push_back({cmd.dram_addr + i * cmd.vec_stride, cmd.vec_len, cmd.elem_stride,
                            acc[cmd.spad_addr + i]});
      offering_cmd = false;
      ++issued;
    }
    read_granted = io.acc_rd_req_o && io.acc_rd_gnt_i;
    read_addr = io.acc_rd_addr_o;
    gnt_waits += io.acc_rd_req_o && !io.acc_rd_gnt_i;
    ready_waits += io.wr_valid_o && !io.wr_ready_i;
    if (io.wr_valid_o && io.wr_ready_i) {
      ASSERT_FALSE(expected.empty()) << "cycle " << cycle;
      const WriteRequest& e = expected.front();
      ASSERT_EQ(io.wr_addr_o, e.addr) << "cycle " << cycle << ", write " << writes;
      ASSERT_EQ(io.wr_len_o, e.len) << "cycle " << cycle << ", write " << writes;
      ASSERT_EQ(io.wr_stride_o, e.stride) << "cycle " << cycle << ", write " << writes;
      for (int j = 0; j < 64; ++j)  // lane j at [32j +: AccW], zero beyond the array
        ASSERT_EQ(get_bits(io.wr_data_o, 32 * j, 32), j < kCols ? e.lanes[j] : 0u)
            << "cycle " << cycle << ", write " << writes << ", lane " << j;
      expected.pop_front();
      ++writes;
    }
    sim.step();
    ASSERT_FALSE(sim.assertion_failed()) << "cycle " << cycle;
  }
  sim.settle();
  EXPECT_FALSE(io.busy_o);
  EXPECT_GT(writes, 2u * kCommands);
  EXPECT_GT(gnt_waits, 1000u);  // the stalls were exercised
  EXPECT_GT(ready_waits, 1000u);
}

}  // namespace
}  // namespace codesign::rtl_modules::store_engine
