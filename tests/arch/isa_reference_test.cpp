#include "arch/isa_reference.hpp"

#include <gtest/gtest.h>

using namespace codesign::arch;

namespace {

BuildConfig small() {
  BuildConfig b;
  b.rows = 2;
  b.cols = 3;
  b.input = {64, 1};
  b.weight = {64, 1};
  b.accumulator = {256, 1};
  return b;
}

}  // namespace

TEST(IsaReference, LoadZeroesLanesBeyondVecLenAndFollowsStrides) {
  ReferenceMachine m(small(), 64);
  for (int i = 0; i < 64; ++i) m.dram()[i] = static_cast<std::uint8_t>(i);
  m.dram()[10] = 0xFF;  // -1
  // Weight vectors 0, 1: lanes at 10 + i*5 + j*2, two lanes of three.
  m.run({Command::load(BufferId::kWeight, 0, 10, 2, 2, 2, 5),
         Command::load(BufferId::kInput, 0, 0, 1, 2, 1, 0),  // input vector 0 = (0, 1)
         Command::load(BufferId::kInput, 1, 1, 1, 1, 1, 0),  // input vector 1 = (1, 0)
         Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 2, 3, 2, false),
         Command::store(0, 40, 2, 3, 4, 12)});
  // W = [[-1, 12, 0], [15, 17, 0]]; C[r][c] = sum_t in[t][r] * W[t][c].
  // in[0] = (0, 1), in[1] = (1, 0): C[0] = W[1] = (15, 17, 0), C[1] = W[0] = (-1, 12, 0).
  EXPECT_EQ(m.read_signed(40, 4), 15);
  EXPECT_EQ(m.read_signed(44, 4), 17);
  EXPECT_EQ(m.read_signed(48, 4), 0);
  EXPECT_EQ(m.read_signed(52, 4), -1);
  EXPECT_EQ(m.read_signed(56, 4), 12);
}

TEST(IsaReference, AWrappedLoadGathersAcrossRows) {
  ReferenceMachine m(small(), 64);
  for (int i = 0; i < 64; ++i) m.dram()[i] = static_cast<std::uint8_t>(i);
  // Rows of 3 elements, 2 bytes apart, rows 10 bytes apart; lanes from element 2 of row 0:
  // elements (0, 2) and (1, 0) at 24 and 24 - 2 * 2 + 10; vector 1 one byte on.
  m.run({Command::load(BufferId::kInput, 0, 24, 2, 2, 2, 1).wrapped(3, 2, 10),
         Command::load(BufferId::kWeight, 0, 40, 2, 1, 1, 1),  // weights 40, 41 in lane 0
         Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 2, 1, 2, false),
         Command::store(0, 48, 2, 1, 4, 4)});
  // Input vectors (24, 30) and (25, 31); WS: out[t] = sum_r in[t][r] * w[r][0].
  EXPECT_EQ(m.read_signed(48, 4), 24 * 40 + 30 * 41);
  EXPECT_EQ(m.read_signed(52, 4), 25 * 40 + 31 * 41);
}

TEST(IsaReference, KeepingWeightsNeedsAWeightStationaryPredecessorWithAsManyRows) {
  ReferenceMachine m(small(), 64);
  m.run({Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 1, 1, 2, false),
         Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 1, 1, 2, false, true)});
  EXPECT_THROW(
      m.run({Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 1, 1, 3, false, true)}),
      std::invalid_argument);
  m.run({Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 1, 1, 1, false)});
  EXPECT_THROW(
      m.run({Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 1, 1, 1, false, true)}),
      std::invalid_argument);
}

TEST(IsaReference, WeightStationaryKeepsPreloadedWeights) {
  ReferenceMachine m(small(), 128);
  // Weights rows r < 2 (= k), three lanes: W = [[1, 2, 3], [4, 5, 6]].
  for (int i = 0; i < 6; ++i) m.dram()[i] = static_cast<std::uint8_t>(i + 1);
  // Inputs: pixels t, lanes over k: (1, 1), (2, -1).
  m.dram()[16] = 1;
  m.dram()[17] = 1;
  m.dram()[18] = 2;
  m.dram()[19] = 0xFF;
  m.run({Command::load(BufferId::kWeight, 0, 0, 2, 3, 1, 3),
         Command::load(BufferId::kInput, 0, 16, 2, 2, 1, 2),
         Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 2, 3, 2, false),
         // Overwrite the weight buffer: keep_weights must still use the preloaded W.
         Command::load(BufferId::kWeight, 0, 16, 2, 3, 1, 3),
         Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 2, 2, 2, true, true),
         Command::store(0, 64, 2, 3, 4, 12)});
  // Row t: 2 * (in[t] . W[:, c]) for c < 2 (accumulated twice), lane 2 once.
  EXPECT_EQ(m.read_signed(64, 4), 2 * 5);
  EXPECT_EQ(m.read_signed(68, 4), 2 * 7);
  EXPECT_EQ(m.read_signed(72, 4), 9);  // not accumulated: n = 2 masks lane 2 -> old (9)
  EXPECT_EQ(m.read_signed(76, 4), 2 * (2 - 4));
  EXPECT_EQ(m.read_signed(84, 4), 6 - 6);
}

TEST(IsaReference, SumsWrapModuloTheAccumulatorWidth) {
  BuildConfig b = small();
  b.acc_width = 16;
  b.accumulator = {128, 1};
  ReferenceMachine m(b, 64);
  m.dram()[0] = 0x7F;  // 127
  m.run({Command::load(BufferId::kWeight, 0, 0, 4, 1, 1, 0),
         Command::load(BufferId::kInput, 0, 0, 4, 1, 1, 0),
         Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 1, 1, 4, false),
         Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 1, 1, 4, true),
         Command::store(0, 8, 1, 1, 2, 0)});
  // 8 * 127 * 127 = 129032 = 0x1F808 -> low 16 bits 0xF808 (negative as int16).
  EXPECT_EQ(m.read_signed(8, 2), static_cast<std::int16_t>(0xF808));
}

TEST(IsaReference, RejectsInvalidCommandsAndDramOverruns) {
  ReferenceMachine m(small(), 16);
  EXPECT_THROW(m.run({Command::load(BufferId::kInput, 0, 0, 1, 3, 1, 0)}), std::invalid_argument);
  EXPECT_THROW(m.run({Command::load(BufferId::kInput, 0, 15, 1, 2, 1, 0)}), std::invalid_argument);
  EXPECT_THROW(m.execute(Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 3, 1, 1, false)),
               std::invalid_argument);
}
