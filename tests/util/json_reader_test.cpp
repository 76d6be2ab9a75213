#include "util/json_reader.hpp"

#include <gtest/gtest.h>

using codesign::util::ConfigError;
using codesign::util::JsonObject;
using nlohmann::json;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(JsonObject, ReadsTypedFields) {
  const json j = {{"a", 3}, {"b", 2.5}, {"c", "x"}, {"d", true}, {"e", {{"f", 1}}}};
  JsonObject o(j, "t.json");
  EXPECT_EQ(o.integer("a", 0, 10), 3);
  EXPECT_DOUBLE_EQ(o.number("b", 0, 10), 2.5);
  EXPECT_EQ(o.choice("c", {"x", "y"}), "x");
  EXPECT_TRUE(o.boolean("d"));
  JsonObject e = o.object("e");
  EXPECT_EQ(e.integer("f", 0, 1), 1);
  e.finish();
  o.finish();
}

TEST(JsonObject, NamesFileKeyAndRange) {
  const json j = {{"rows", 0}, {"inner", {{"x", -1}}}};
  JsonObject o(j, "hw.json");
  EXPECT_EQ(error_of([&] { o.integer("rows", 1, 64); }),
            "hw.json: rows: expected integer in [1, 64], got 0");
  JsonObject inner = o.object("inner");
  EXPECT_EQ(error_of([&] { inner.integer("x", 0, 5); }),
            "hw.json: inner.x: expected integer in [0, 5], got -1");
}

TEST(JsonObject, RejectsUnknownKeysAndWrongTypes) {
  const json j = {{"rows", 4}, {"colz", 4}, {"s", 1}};
  JsonObject o(j, "hw.json");
  o.integer("rows", 1, 64);
  EXPECT_NE(error_of([&] { o.string("s"); }).find("expected a string"), std::string::npos);
  EXPECT_NE(error_of([&] { o.finish(); }).find("hw.json: colz: unknown key"), std::string::npos);
  EXPECT_NE(error_of([&] { o.integer("missing", 0, 1); }).find("missing required key"),
            std::string::npos);
  const json array = json::array();
  EXPECT_NE(error_of([&] { JsonObject(array, "a.json"); }).find("expected an object"),
            std::string::npos);
}

TEST(JsonObject, FallbacksApplyOnlyWhenAbsent) {
  const json j = {{"x", 7}};
  JsonObject o(j, "t.json");
  EXPECT_EQ(o.integer_or("x", 1, 0, 10), 7);
  EXPECT_EQ(o.integer_or("y", 1, 0, 10), 1);
  EXPECT_FALSE(o.boolean_or("z", false));
  o.finish();
}

TEST(ReadJsonFile, ReportsMissingAndMalformedFiles) {
  EXPECT_NE(error_of([] {
              codesign::util::read_json_file("/nonexistent/x.json");
            }).find("/nonexistent/x.json: cannot open file"),
            std::string::npos);
  const std::string path = ::testing::TempDir() + "/bad.json";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("{\"a\": ", f);
  std::fclose(f);
  EXPECT_NE(error_of([&] { codesign::util::read_json_file(path); }).find("malformed JSON"),
            std::string::npos);
}
