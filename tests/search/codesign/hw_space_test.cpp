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
