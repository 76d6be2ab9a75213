#include "arch/hw_config.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign::arch;
using codesign::util::ConfigError;
using nlohmann::json;

namespace {

json valid() {
  return {{"rows", 4},
          {"cols", 6},
          {"dataflows", {"os"}},
          {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
          {"weight_buffer", {{"bytes", 1024}}},
          {"accumulator_buffer", {{"bytes", 4096}, {"banks", 4}}}};
}

std::string error_of(const json& j) {
  try {
    hw_config_from_json(j, "hw.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(HwConfig, ParsesAndDerivesEntries) {
  const HwConfig hw = hw_config_from_json(valid(), "hw.json");
  EXPECT_EQ(hw.build.rows, 4);
  EXPECT_EQ(hw.build.cols, 6);
  EXPECT_TRUE(hw.build.output_stationary);
  EXPECT_FALSE(hw.build.weight_stationary);
  EXPECT_EQ(hw.build.input_entries(), 256);   // 1024 B / 4 B vectors
  EXPECT_EQ(hw.build.weight_entries(), 170);  // 1024 / 6, one bank
  EXPECT_EQ(hw.build.acc_entries(), 168);     // 4096 / 24 = 170, rounded to 4 banks
  EXPECT_EQ(hw_config_from_json(to_json(hw), "rt").build.key(), hw.build.key());
}

TEST(HwConfig, RejectsBadValuesNamingKeyAndRange) {
  json j = valid();
  j["rows"] = 0;
  EXPECT_EQ(error_of(j), "hw.json: rows: expected integer in [1, 64], got 0");
  j = valid();
  j["data_width"] = 12;
  EXPECT_NE(error_of(j).find("data_width: expected 8 or 16"), std::string::npos);
  j = valid();
  j["input_buffer"]["bytes"] = 8;
  EXPECT_NE(error_of(j).find("input_buffer.bytes: expected bytes in [16,"), std::string::npos);
  j = valid();
  j["input_buffer"]["banks"] = 3;
  EXPECT_NE(error_of(j).find("banks: expected a power of two"), std::string::npos);
  j = valid();
  j["dataflows"] = {"xs"};
  EXPECT_NE(error_of(j).find("dataflows[0]: expected \"os\" or \"ws\""), std::string::npos);
  j = valid();
  j["bogus"] = 1;
  EXPECT_NE(error_of(j).find("hw.json: bogus: unknown key"), std::string::npos);
  j = valid();
  j["cols"] = "8";
  EXPECT_NE(error_of(j).find("cols: expected integer"), std::string::npos);
}

TEST(HwConfig, HashSeparatesBuildsButNotRunParameters) {
  HwConfig a = hw_config_from_json(valid(), "a");
  HwConfig b = a;
  b.run.dram_bytes_per_cycle = 3;
  EXPECT_EQ(a.build.hash(), b.build.hash());
  b.build.cols = 5;
  EXPECT_NE(a.build.hash(), b.build.hash());
}
