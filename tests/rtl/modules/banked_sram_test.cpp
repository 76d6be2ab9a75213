// rtl/banked_sram.sv (24 entries in 3 banks of 8, with the dedicated write port) against a
// C++ array and its arbitration rule, cycle by cycle: port A random reads and writes, port B
// requests held until granted (as the load and store engines hold them) while port A's
// random traffic takes its bank, port W random writes; read data, grants and the activity
// counters compared every cycle, counters cleared at random.
#include <gtest/gtest.h>

#include <array>
#include <optional>

#include "Vbanked_sram.h"
#include "tests/rtl/modules/module_sim.hpp"

namespace codesign::rtl_modules::banked_sram {
namespace {

constexpr int kDepth = 24, kBankDepth = 8, kCycles = 200000;

struct Access {
  bool req = false, we = false;
  std::uint32_t addr = 0, data = 0;
};

TEST(BankedSramModule, MatchesArrayWithRandomConflictsAndStalls) {
  ModuleSim<Vbanked_sram> sim;
  Vbanked_sram& io = sim.io();
  Random rnd(21);
  io.a_req_i = io.b_req_i = io.w_req_i = io.clear_counters_i = 0;
  sim.reset();

  std::array<std::optional<std::uint32_t>, kDepth> mem;  // unset until written
  std::optional<std::uint32_t> a_rdata, b_rdata;         // what the read ports hold
  std::uint64_t reads = 0, writes = 0, conflicts = 0, b_done = 0, b_waits = 0;
  Access b;  // port B's request, held until granted
  double p_a = 0.5;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    if (cycle % 1000 == 0) p_a = rnd.range(1, 9) / 10.0;
    Access a;
    a.req = rnd.chance(p_a);
    a.we = rnd.chance(0.5);
    a.addr = static_cast<std::uint32_t>(rnd.range(0, kDepth - 1));
    a.data = static_cast<std::uint32_t>(rnd.bits(16));
    if (!b.req && rnd.chance(0.6)) {
      b.req = true;
      b.we = rnd.chance(0.5);
      b.addr = static_cast<std::uint32_t>(rnd.range(0, kDepth - 1));
      b.data = static_cast<std::uint32_t>(rnd.bits(16));
    }
    Access w;
    w.req = rnd.chance(0.3);
    w.addr = static_cast<std::uint32_t>(rnd.range(0, kDepth - 1));
    w.data = static_cast<std::uint32_t>(rnd.bits(16));
    const bool clear = rnd.chance(0.0005);

    const bool conflict = a.req && b.req && a.addr / kBankDepth == b.addr / kBankDepth;
    const bool b_go = b.req && !conflict;
    // One write per entry per cycle (the SRAM asserts it): W yields to a colliding write.
    if ((a.req && a.we && a.addr == w.addr) || (b_go && b.we && b.addr == w.addr)) w.req = false;

    io.a_req_i = a.req;
    io.a_we_i = a.we;
    io.a_addr_i = a.addr;
    io.a_wdata_i = a.data;
    io.b_req_i = b.req;
    io.b_we_i = b.we;
    io.b_addr_i = b.addr;
    io.b_wdata_i = b.data;
    io.w_req_i = w.req;
    io.w_addr_i = w.addr;
    io.w_wdata_i = w.data;
    io.clear_counters_i = clear;
    sim.settle();
    ASSERT_EQ(io.b_gnt_o, b_go) << "cycle " << cycle;

    // Reads see the entry before this cycle's writes; read ports hold their last data.
    if (a.req && !a.we) a_rdata = mem[a.addr];
    if (b_go && !b.we) b_rdata = mem[b.addr];
    if (a.req && a.we) mem[a.addr] = a.data;
    if (b_go && b.we) mem[b.addr] = b.data;
    if (w.req) mem[w.addr] = w.data;
    if (clear) {
      reads = writes = conflicts = 0;
    } else {
      reads += (a.req && !a.we) + (b_go && !b.we);
      writes += (a.req && a.we) + (b_go && b.we) + w.req;
      conflicts += conflict;
    }
    b_waits += b.req && !b_go;
    if (b_go) {
      b.req = false;
      ++b_done;
    }
    sim.step();
    sim.settle();
    ASSERT_FALSE(sim.assertion_failed()) << "cycle " << cycle;
    if (a_rdata) {
      ASSERT_EQ(io.a_rdata_o, *a_rdata) << "cycle " << cycle;
    }
    if (b_rdata) {
      ASSERT_EQ(io.b_rdata_o, *b_rdata) << "cycle " << cycle;
    }
    ASSERT_EQ(io.reads_o, reads) << "cycle " << cycle;
    ASSERT_EQ(io.writes_o, writes) << "cycle " << cycle;
    ASSERT_EQ(io.conflicts_o, conflicts) << "cycle " << cycle;
  }
  EXPECT_GT(b_done, kCycles / 4u);
  EXPECT_GT(b_waits, kCycles / 20u);
}

// An address beyond the 24 entries (the address is 5 bits wide) is caught, not lost.
TEST(BankedSramModule, AddressBeyondDepthFiresAssertion) {
  ModuleSim<Vbanked_sram> sim;
  Vbanked_sram& io = sim.io();
  io.a_req_i = io.b_req_i = io.w_req_i = io.clear_counters_i = 0;
  sim.reset();
  io.a_req_i = 1;
  io.a_addr_i = kDepth - 1;
  sim.step();
  EXPECT_FALSE(sim.assertion_failed());
  io.a_addr_i = kDepth + 3;
  sim.step();
  EXPECT_TRUE(sim.assertion_failed());
}

}  // namespace
}  // namespace codesign::rtl_modules::banked_sram
