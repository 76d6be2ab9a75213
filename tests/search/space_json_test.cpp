#include "search/space_json.hpp"

#include <gtest/gtest.h>

namespace codesign::search {
namespace {

std::string space_error_of(const nlohmann::json& j) {
  try {
    util::JsonObject object(j, "space.json");
    space_from_json(object);
  } catch (const util::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(SpaceJson, ReadsEveryParameterType) {
  nlohmann::json j = nlohmann::json::parse(R"({"parameters": [
    {"name": "rows", "type": "power_of_two", "min": 4, "max": 64},
    {"name": "buffer", "type": "log_integer", "min": 1024, "max": 65536},
    {"name": "banks", "type": "integer", "min": 1, "max": 8},
    {"name": "clock", "type": "real", "min": 0.5, "max": 1.5},
    {"name": "width", "type": "ordinal", "values": [8, 16, 32]},
    {"name": "dataflow", "type": "categorical", "choices": ["ws", "os"]}]})");
  util::JsonObject object(j, "space.json");
  Space s = space_from_json(object);
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s.param(0).type, ParamType::kPowerOfTwo);
  EXPECT_EQ(s.param(1).hi, 65536);
  EXPECT_EQ(s.param(3).lo, 0.5);
  EXPECT_EQ(s.param(4).values, (std::vector<double>{8, 16, 32}));
  EXPECT_EQ(s.param(5).choices, (std::vector<std::string>{"ws", "os"}));
  EXPECT_TRUE(s.contains({16, 2000, 3, 1.0, 16, 1}));
}

TEST(SpaceJson, ErrorsNameThePath) {
  auto with = [](const std::string& parameter) {
    return nlohmann::json::parse(R"({"parameters": [)" + parameter + "]}");
  };
  EXPECT_NE(
      space_error_of(with(R"({"name": "x", "type": "integer", "min": 1, "max": 2, "step": 1})"))
          .find("space.json: parameters[0].step: unknown key"),
      std::string::npos);
  EXPECT_NE(space_error_of(with(R"({"name": "x", "type": "float", "min": 1, "max": 2})"))
                .find("parameters[0].type: expected one of"),
            std::string::npos);
  EXPECT_NE(space_error_of(with(R"({"name": "x", "type": "power_of_two", "min": 3, "max": 8})"))
                .find("parameters[0]: parameter 'x': power-of-two"),
            std::string::npos);
  EXPECT_NE(space_error_of(with(R"({"name": "x", "type": "ordinal", "values": [1, "two"]})"))
                .find("parameters[0].values[1]: expected a number"),
            std::string::npos);
  EXPECT_NE(space_error_of(nlohmann::json::parse(R"({"parameters": []})")).find("at least one"),
            std::string::npos);
  EXPECT_NE(space_error_of(nlohmann::json::parse(R"({"parameters": [], "extra": 1})"))
                .find("space.json: extra: unknown key"),
            std::string::npos);
}

}  // namespace
}  // namespace codesign::search
