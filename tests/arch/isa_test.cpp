#include "arch/isa.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace codesign::arch;

TEST(Isa, EncodeDecodeRoundTripsEveryOpcode) {
  std::mt19937 rng(1);
  auto r16 = [&] { return static_cast<std::uint32_t>(rng() & 0xFFFF); };
  for (int i = 0; i < 200; ++i) {
    const Command l = Command::load(i % 2 ? BufferId::kWeight : BufferId::kInput, r16(),
                                    static_cast<std::uint32_t>(rng()), r16(), r16(), r16(),
                                    static_cast<std::uint32_t>(rng()));
    const Command s = Command::store(r16(), static_cast<std::uint32_t>(rng()), r16(), r16(), r16(),
                                     static_cast<std::uint32_t>(rng()));
    const Command c =
        Command::compute(i % 3 ? Dataflow::kWeightStationary : Dataflow::kOutputStationary, r16(),
                         r16(), r16(), r16(), r16(), r16(), i % 2, i % 5 == 0);
    const Command w = l.wrapped(r16() | 1, 0, r16());
    for (const Command& x : {l, w, s, c, Command::sync()}) {
      EXPECT_EQ(decode(encode(x)), x);
      EXPECT_EQ(command_from_json(to_json(x), "p"), x);
    }
  }
}

TEST(Isa, AWrappedLoadRequestsOneSegmentPerRowItsLanesTouch) {
  const Command l = Command::load(BufferId::kInput, 0, 0, 8, 5, 1, 5);
  EXPECT_EQ(l.segments_per_vector(), 1u);
  EXPECT_EQ(l.wrapped(7, 0, 100).segments_per_vector(), 1u);  // lanes 0..4 of row 0
  EXPECT_EQ(l.wrapped(7, 3, 100).segments_per_vector(), 2u);  // 3..6, then row 1
  EXPECT_EQ(l.wrapped(2, 1, 100).segments_per_vector(), 3u);  // 1, 2..3, 4..5
}

TEST(Isa, ChecksCommandsAgainstTheBuild) {
  BuildConfig b;
  b.rows = 4;
  b.cols = 8;
  b.weight_stationary = false;
  b.input = {64, 1};  // 16 vectors of 4 bytes
  EXPECT_EQ(check_command(Command::load(BufferId::kInput, 0, 0, 16, 4, 1, 4), b), "");
  EXPECT_NE(check_command(Command::load(BufferId::kInput, 1, 0, 16, 4, 1, 4), b), "");
  const Command load = Command::load(BufferId::kInput, 0, 0, 16, 4, 1, 4);
  EXPECT_EQ(check_command(load.wrapped(3, 2, 40), b), "");
  EXPECT_NE(check_command(load.wrapped(3, 3, 40), b), "");  // wrap_start beyond the row
  EXPECT_NE(check_command(load.wrapped(0, 0, 40), b), "");  // a stride without rows
  EXPECT_NE(check_command(Command::load(BufferId::kInput, 0, 0, 1, 5, 1, 4), b), "");
  EXPECT_EQ(check_command(Command::load(BufferId::kWeight, 0, 0, 1, 8, 1, 8), b), "");
  EXPECT_EQ(
      check_command(Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 4, 8, 16, false), b),
      "");
  EXPECT_NE(
      check_command(Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 5, 8, 1, false), b), "");
  EXPECT_NE(check_command(Command::compute(Dataflow::kWeightStationary, 0, 0, 0, 4, 8, 4, false), b)
                .find("not built"),
            std::string::npos);
  EXPECT_THROW(
      check_program({Command::sync(), Command::load(BufferId::kInput, 0, 0, 0, 1, 1, 1)}, b),
      std::invalid_argument);
}
