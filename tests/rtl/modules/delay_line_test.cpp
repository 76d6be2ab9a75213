// rtl/delay_line.sv against a C++ shift register, cycle by cycle, with resets in the middle
// of the run (the stages clear to zero). The delay line has no handshake: nothing to stall.
#include <gtest/gtest.h>

#include <deque>

#include "Vdelay_line_d0.h"
#include "Vdelay_line_d3.h"
#include "tests/rtl/modules/module_sim.hpp"

namespace codesign::rtl_modules::delay_line {
namespace {

constexpr int kCycles = 50000;

template <typename Model>
void run_random(unsigned depth, std::uint32_t seed) {
  ModuleSim<Model> sim;
  Model& io = sim.io();
  Random rnd(seed);
  io.d_i = 0;
  sim.reset();
  std::deque<std::uint32_t> ref(depth, 0);  // front: the oldest stage, the output
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    if (rnd.chance(0.001)) {  // an asynchronous reset mid-stream
      sim.reset();
      ref.assign(depth, 0);
    }
    io.d_i = static_cast<std::uint32_t>(rnd.bits(5));
    sim.settle();
    ASSERT_EQ(io.q_o, depth == 0 ? io.d_i : ref.front()) << "cycle " << cycle;
    if (depth > 0) {
      ref.pop_front();
      ref.push_back(io.d_i);
    }
    sim.step();
    ASSERT_FALSE(sim.assertion_failed());
  }
}

TEST(DelayLineModule, DelaysByThreeCycles) { run_random<Vdelay_line_d3>(3, 11); }
TEST(DelayLineModule, DepthZeroIsAWire) { run_random<Vdelay_line_d0>(0, 12); }

}  // namespace
}  // namespace codesign::rtl_modules::delay_line
