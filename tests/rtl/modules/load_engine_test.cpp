// rtl/load_engine.sv (4-lane input and 3-lane weight vectors, 4 requests outstanding) running
// random LOADs, plain and wrapped (im2col gathers), against the ISA's definition
// (arch/isa.hpp): every read request compared with the reference's row segments, every buffer
// write with the reference's vector, transaction by transaction. The memory side stalls at
// random: commands offered at random, read requests taken at random, responses returned in
// order after a random latency and offered at random (held until taken, junk in the lanes
// beyond the request), buffer write grants at random (bank conflicts).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "Vload_engine.h"
#include "arch/isa.hpp"
#include "tests/rtl/modules/module_sim.hpp"

namespace codesign::rtl_modules::load_engine {
namespace {

constexpr int kRows = 4, kCols = 3, kDataW = 8, kInEntries = 64, kWEntries = 32;
constexpr int kMaxOutstanding = 4, kCommands = 4000;

// DRAM content: one byte per address, a fixed hash.
std::uint8_t dram(std::uint32_t addr) {
  return static_cast<std::uint8_t>((addr * 2654435761u) >> 13);
}

struct Request {
  std::uint32_t addr, len, stride;
  bool operator==(const Request& o) const {
    return addr == o.addr && len == o.len && stride == o.stride;
  }
};
struct Write {
  bool weight;
  std::uint32_t addr, data;  // lane j at [8j +: 8], lanes beyond vec_len zero
};

// The reference: the read requests (row segments) and buffer writes of one LOAD.
void expect_load(const arch::Command& c, std::deque<Request>& requests, std::deque<Write>& writes) {
  const std::uint32_t wrap = c.wrap_len;
  for (std::uint32_t i = 0; i < c.count; ++i) {
    const std::uint32_t base = c.dram_addr + i * c.vec_stride;
    auto lane_addr = [&](std::uint32_t j) {
      if (wrap == 0) return base + j * c.elem_stride;
      const std::uint32_t u = c.wrap_start + j;
      return base + (u % wrap - c.wrap_start) * c.elem_stride + (u / wrap) * c.wrap_stride;
    };
    std::uint32_t data = 0;
    for (std::uint32_t j = 0; j < c.vec_len;) {
      const std::uint32_t row_left = wrap == 0 ? c.vec_len : wrap - (c.wrap_start + j) % wrap;
      const std::uint32_t len = std::min(row_left, c.vec_len - j);
      requests.push_back({lane_addr(j), len, c.elem_stride});
      j += len;
    }
    for (std::uint32_t j = 0; j < c.vec_len; ++j)
      data |= static_cast<std::uint32_t>(dram(lane_addr(j))) << (j * kDataW);
    writes.push_back({c.buffer == arch::BufferId::kWeight, c.spad_addr + i, data});
  }
}

arch::Command random_load(Random& rnd) {
  const bool weight = rnd.chance(0.5);
  const int lanes = weight ? kCols : kRows, entries = weight ? kWEntries : kInEntries;
  const auto count = static_cast<std::uint32_t>(rnd.range(1, 6));
  arch::Command c = arch::Command::load(weight ? arch::BufferId::kWeight : arch::BufferId::kInput,
                                        static_cast<std::uint32_t>(rnd.range(0, entries - count)),
                                        static_cast<std::uint32_t>(rnd.range(0, 4000)), count,
                                        static_cast<std::uint32_t>(rnd.range(1, lanes)),
                                        static_cast<std::uint32_t>(rnd.range(0, 5)),
                                        static_cast<std::uint32_t>(rnd.range(0, 40)));
  if (rnd.chance(0.5)) {
    const auto len = static_cast<std::uint32_t>(rnd.range(1, 5));
    c = c.wrapped(len, static_cast<std::uint32_t>(rnd.range(0, len - 1)),
                  static_cast<std::uint32_t>(rnd.range(0, 64)));
  }
  return c;
}

TEST(LoadEngineModule, MatchesIsaWithRandomBackPressure) {
  ModuleSim<Vload_engine> sim;
  Vload_engine& io = sim.io();
  Random rnd(41);
  io.cmd_valid_i = io.rd_req_ready_i = io.rd_rsp_valid_i = 0;
  io.in_wr_gnt_i = io.w_wr_gnt_i = 0;
  sim.reset();

  std::deque<Request> expected_requests;
  std::deque<Write> expected_writes;
  struct InFlight {
    Request request;
    std::uint64_t ready_at;
  };
  std::deque<InFlight> memory;  // requests taken, answered in order
  bool offering_cmd = false, offering_rsp = false;
  arch::Command cmd;
  int issued = 0;
  std::uint64_t requests = 0, writes = 0, req_waits = 0, gnt_waits = 0;
  double p_cmd = 0.5, p_req = 0.5, p_rsp = 0.5, p_gnt = 0.5;
  for (int cycle = 0; issued < kCommands || !expected_writes.empty(); ++cycle) {
    ASSERT_LT(cycle, 2000000) << "the engine stopped making progress";
    if (cycle % 2000 == 0) {
      p_cmd = rnd.range(2, 10) / 10.0;
      p_req = rnd.range(1, 10) / 10.0;
      p_rsp = rnd.range(1, 10) / 10.0;
      p_gnt = rnd.range(1, 10) / 10.0;
    }
    if (!offering_cmd && issued < kCommands && rnd.chance(p_cmd)) {
      offering_cmd = true;
      cmd = random_load(rnd);
      const arch::EncodedCommand w = arch::encode(cmd);
      for (int i = 0; i < 3; ++i) set_bits(io.cmd_i, 64 * i, 64, w[i]);
    }
    io.cmd_valid_i = offering_cmd;
    io.rd_req_ready_i = rnd.chance(p_req);
    if (!offering_rsp && !memory.empty() && memory.front().ready_at <= sim.cycle() &&
        rnd.chance(p_rsp)) {
      offering_rsp = true;
      const Request& r = memory.front().request;
      for (int j = 0; j < 64; ++j) {
        const std::uint32_t lane = j < static_cast<int>(r.len)
                                       ? dram(r.addr + static_cast<std::uint32_t>(j) * r.stride)
                                       : static_cast<std::uint32_t>(rnd.bits(16));  // junk
        set_bits(io.rd_rsp_data_i, 16 * j, 16, lane);
      }
    }
    io.rd_rsp_valid_i = offering_rsp;
    io.in_wr_gnt_i = rnd.chance(p_gnt);
    io.w_wr_gnt_i = rnd.chance(p_gnt);
    sim.settle();

    if (!expected_writes.empty()) {
      ASSERT_TRUE(io.busy_o) << "cycle " << cycle;
    }
    if (io.cmd_valid_i && io.cmd_ready_o) {
      expect_load(cmd, expected_requests, expected_writes);
      offering_cmd = false;
      ++issued;
    }
    if (io.rd_req_valid_o && io.rd_req_ready_i) {
      ASSERT_FALSE(expected_requests.empty()) << "cycle " << cycle;
      const Request got{io.rd_req_addr_o, io.rd_req_len_o, io.rd_req_stride_o};
      ASSERT_EQ(got, expected_requests.front())
          << "cycle " << cycle << ": request " << requests << " addr " << got.addr << " len "
          << got.len << " stride " << got.stride;
      expected_requests.pop_front();
      memory.push_back({got, sim.cycle() + static_cast<std::uint64_t>(rnd.range(1, 8))});
      ++requests;
      ASSERT_LE(memory.size(), static_cast<std::size_t>(kMaxOutstanding)) << "cycle " << cycle;
    }
    req_waits += io.rd_req_valid_o && !io.rd_req_ready_i;
    if (io.rd_rsp_valid_i && io.rd_rsp_ready_o) {
      memory.pop_front();
      offering_rsp = false;
    }
    for (const bool weight : {false, true}) {
      const bool req = weight ? io.w_wr_req_o : io.in_wr_req_o;
      const bool gnt = weight ? io.w_wr_gnt_i : io.in_wr_gnt_i;
      if (!req) continue;
      if (!gnt) {
        ++gnt_waits;
        continue;
      }
      ASSERT_FALSE(expected_writes.empty()) << "cycle " << cycle;
      const Write& e = expected_writes.front();
      const std::uint32_t addr = weight ? io.w_wr_addr_o : io.in_wr_addr_o;
      const std::uint32_t data = weight ? io.w_wr_data_o : io.in_wr_data_o;
      ASSERT_EQ(weight, e.weight) << "cycle " << cycle << ", write " << writes;
      ASSERT_EQ(addr, e.addr) << "cycle " << cycle << ", write " << writes;
      ASSERT_EQ(data, e.data) << "cycle " << cycle << ", write " << writes;
      expected_writes.pop_front();
      ++writes;
    }
    sim.step();
    ASSERT_FALSE(sim.assertion_failed()) << "cycle " << cycle;
  }
  sim.settle();
  EXPECT_TRUE(expected_requests.empty());
  EXPECT_TRUE(memory.empty());
  EXPECT_FALSE(io.busy_o);
  EXPECT_GT(requests, 2u * kCommands);
  EXPECT_GT(req_waits, 1000u);  // the stalls were exercised
  EXPECT_GT(gnt_waits, 1000u);  // (a response waits with its write)
}

}  // namespace
}  // namespace codesign::rtl_modules::load_engine
