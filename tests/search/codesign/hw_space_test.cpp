#include "search/codesign/hw_space.hpp"

#include <gtest/gtest.h>

#include "search/make_optimizer.hpp"
#include "util/json_reader.hpp"

using namespace codesign;
using nlohmann::json;

namespace {

json space_json() {
  return {{"name", "t"},
          {"rows", {{"min", 2}, {"max", 16}}},
          {"cols", {{"min", 2}, {"max", 16}}},
          {"input_buffer_kib", {{"min", 1}, {"max", 64}}},
          {"weight_buffer_kib", {{"min", 1}, {"max", 64}}},
          {"accumulator_buffer_kib", {{"min", 1}, {"max", 64}}},
          {"fixed", {{"data_width", 8}}},
          {"budgets", {{"onchip_kib", 48}, {"pes", 64}}}};
}

std::string error_of(const json& j) {
  try {
    search::hw_space_from_json(j, "space.json");
  } catch (const util::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(HwSpace, DecodesPointsIntoHardware) {
  const search::HwSpace s(search::hw_space_from_json(space_json(), "space.json"));
  const arch::HwConfig hw = s.decode({4, 8, 16, 8, 4, 2});
  EXPECT_EQ(hw.build.rows, 4);
  EXPECT_EQ(hw.build.cols, 8);
  EXPECT_EQ(hw.build.input.bytes, 16u * 1024);
  EXPECT_TRUE(hw.build.output_stationary && hw.build.weight_stationary);
  EXPECT_EQ(s.encode(hw), (search::Point{4, 8, 16, 8, 4, 2}));
}

TEST(HwSpace, NeverProposesAPointOverBudget) {
  const search::HwSpace s(search::hw_space_from_json(space_json(), "space.json"));
  for (const std::string alg : {"random", "bo", "ga", "sa"}) {
    auto opt = search::make_optimizer(s.space(), {alg, 3, 5});
    for (int i = 0; i < 15; ++i)
      for (const auto& x : opt->ask(1)) {
        const arch::HwConfig hw = s.decode(x);
        EXPECT_EQ(s.violation(hw), "") << alg;
        EXPECT_LE(hw.build.rows * hw.build.cols, 64);
        EXPECT_LE(hw.build.input.bytes + hw.build.weight.bytes + hw.build.accumulator.bytes,
                  48u * 1024);
        opt->tell(x, search::Observation::success(hw.build.rows + 0.1 * hw.build.cols));
      }
  }
  arch::HwConfig big = s.decode({16, 16, 64, 64, 64, 0});
  EXPECT_NE(s.violation(big).find("over the budget"), std::string::npos);
}

TEST(HwSpace, RejectsBadSpecsNamingTheKey) {
  json j = space_json();
  j["rows"]["max"] = 65;
  EXPECT_NE(error_of(j).find("space.json: rows.max: expected integer in [2, 64]"),
            std::string::npos)
      << error_of(j);
  j = space_json();
  j["input_buffer_kib"]["min"] = 3;
  EXPECT_NE(error_of(j).find("input_buffer_kib.min: expected powers of two"), std::string::npos);
  j = space_json();
  j["dataflows"] = {"rs"};
  EXPECT_NE(error_of(j).find("dataflows[0]"), std::string::npos);
  j = space_json();
  j["budgets"]["area"] = 1;
  EXPECT_NE(error_of(j).find("budgets.area: unknown key"), std::string::npos);
}

TEST(HwSpace, RefusesFixedValuesNoPointCanHave) {
  json j = space_json();
  j["fixed"]["banks"] = 3;
  EXPECT_EQ(error_of(j), "space.json: fixed.banks: expected a power of two in [1, 16], got 3");
  j = space_json();
  j["fixed"]["data_width"] = 12;
  EXPECT_EQ(error_of(j), "space.json: fixed.data_width: expected 8 or 16, got 12");
  j = space_json();
  j["fixed"]["data_width"] = 16;
  j["fixed"]["acc_width"] = 24;
  EXPECT_EQ(error_of(j),
            "space.json: fixed.acc_width: expected a multiple of 8 in [32, 32] (at least twice "
            "data_width), got 24");
}

TEST(HwSpace, RefusesBufferRangesAndBudgetsNoPointCanMeet) {
  // 64 rows of 16-bit data need 64 × 128 B = 8 KiB of input buffer at least.
  json j = space_json();
  j["rows"] = {{"min", 64}, {"max", 64}};
  j["fixed"]["data_width"] = 16;
  j["input_buffer_kib"] = {{"min", 1}, {"max", 4}};
  j.erase("budgets");
  EXPECT_EQ(error_of(j),
            "space.json: input_buffer_kib: no size in [1, 4] KiB suits an array of the space: a "
            "buffer holds from rows to 65536 vectors, 8192 to 8388608 bytes over these arrays");
  // A 1-row array's 1-byte input vectors: 65536 of them are 64 KiB at most.
  j = space_json();
  j["rows"] = {{"min", 1}, {"max", 1}};
  j["cols"] = {{"min", 1}, {"max", 1}};
  j["input_buffer_kib"] = {{"min", 128}, {"max", 256}};
  j.erase("budgets");
  EXPECT_NE(error_of(j).find("space.json: input_buffer_kib: no size in [128, 256] KiB"),
            std::string::npos);
  j = space_json();
  j["budgets"]["pes"] = 3;
  EXPECT_EQ(error_of(j),
            "space.json: budgets.pes: 3 is below the smallest array of the space, rows.min × "
            "cols.min = 4");
  j = space_json();
  j["budgets"]["onchip_kib"] = 2;
  EXPECT_EQ(
      error_of(j),
      "space.json: budgets.onchip_kib: below the smallest buffers of the space, 3 KiB in all");
  EXPECT_EQ(error_of(space_json()), "");
}
