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

namespace {

std::string parse_error_of(const std::string& text) {
  return error_of([&] { codesign::util::parse_json(text, "t.json"); });
}

// `depth` levels of arrays around a number, as text.
std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + "1" + std::string(depth, ']');
}

// The same as a document, built iteratively (copying it would recurse).
json deep_array(std::size_t depth) {
  json root = json::array();
  json* inner = &root;
  for (std::size_t i = 1; i < depth; ++i) {
    inner->push_back(json::array());
    inner = &inner->back();
  }
  inner->push_back(1);
  return root;
}

}  // namespace

TEST(ParseJson, RefusesNumbersBeyondDoubleNamingTheKey) {
  EXPECT_EQ(parse_error_of(R"({"layers": [{"h": 1}, {"h": 1e309}]})"),
            "t.json: layers[1].h: number 1e309 is out of range (beyond 1.8e308)");
  EXPECT_EQ(parse_error_of("-1e400"),
            "t.json: top level: number -1e400 is out of range "
            "(beyond 1.8e308)");
  // A huge integer that still fits a double is a number like any other.
  EXPECT_EQ(parse_error_of(R"({"x": 123456789012345678901234567890})"), "");
}

TEST(ParseJson, RefusesDuplicateKeysAndDeepNesting) {
  EXPECT_EQ(parse_error_of(R"({"a": {"b": 1, "b": 2}})"), "t.json: a.b: key given twice");
  EXPECT_EQ(parse_error_of(nested_arrays(codesign::util::kMaxJsonDepth)), "");
  // 10^5 levels: refused at once, without recursion anywhere (no stack overflow).
  const std::string deep = parse_error_of(R"({"name": )" + nested_arrays(100000) + "}");
  EXPECT_NE(deep.find("nested deeper than 64 levels"), std::string::npos) << deep;
  EXPECT_LT(deep.size(), 400u);
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  EXPECT_NE(parse_error_of(objects).find("nested deeper"), std::string::npos);
}

TEST(ParseJson, NamesWhereASyntaxErrorIs) {
  const std::string e = parse_error_of(R"({"rows": [1, 2, x]})");
  EXPECT_NE(e.find("t.json: malformed JSON at rows[2] (byte "), std::string::npos) << e;
}

TEST(Excerpt, IsShortForAnyValueAndBuiltWithoutRecursion) {
  using codesign::util::excerpt;
  EXPECT_EQ(excerpt(json(3)), "3");
  EXPECT_EQ(excerpt(json("ab")), "\"ab\"");
  EXPECT_EQ(excerpt(json::parse(R"({"a":[1,2]})")), R"({"a":[1,2]})");
  // 10^5 levels deep, built by hand (the parser would refuse it).
  const std::string d = excerpt(deep_array(100000));
  EXPECT_EQ(d.substr(0, 10), "[[[[[[[[[[");
  EXPECT_LE(d.size(), 64u);
  // A 20 MB string gives a short excerpt, cut at a character boundary.
  const std::string big(20'000'000, 'x');
  EXPECT_LE(excerpt(json(big)).size(), 70u);
  EXPECT_EQ(excerpt(json(std::string(59, 'a') + "é"), 60), "\"" + std::string(59, 'a') + "...");
  // Control characters are escaped as JSON does.
  EXPECT_EQ(excerpt(json("a\x1b[31m")), "\"a\\u001b[31m\"");
}

TEST(ConfigError, EscapesControlCharactersAndBoundsTheMessage) {
  EXPECT_STREQ(ConfigError("a\x1b[2Jb\n").what(), "a\\x1b[2Jb\\x0a");
  EXPECT_STREQ(ConfigError("c\xc2\x9b"
                           "d")
                   .what(),
               "c\\xc2\\x9bd");                  // C1 CSI
  EXPECT_STREQ(ConfigError("µs").what(), "µs");  // printable UTF-8 kept
  EXPECT_LT(std::string(ConfigError(std::string(20'000'000, 'y')).what()).size(), 2100u);
}

TEST(JsonObject, WrongTypedDeepOrHugeValuesGiveShortMessages) {
  json j = json::object();
  j["name"] = deep_array(100000);
  j["rows"] = std::string(20'000'000, '9');
  JsonObject o(j, "hw.json");
  const std::string name = error_of([&] { o.string("name"); });
  EXPECT_EQ(name.substr(0, 40), "hw.json: name: expected a string, got [[");
  EXPECT_LT(name.size(), 120u);
  EXPECT_LT(error_of([&] { o.integer("rows", 1, 64); }).size(), 150u);
}

TEST(JsonObject, RefusesControlCharactersInStrings) {
  const json j = {{"name", "conv\x1b[31m"}, {"k\x07", 1}};
  JsonObject o(j, "w.json");
  const std::string e = error_of([&] { o.string("name"); });
  EXPECT_EQ(e,
            "w.json: name: expected a string without control characters, got "
            "\"conv\\u001b[31m\"");
  EXPECT_EQ(error_of([&] { o.finish(); }).find('\x07'), std::string::npos);
}

TEST(JsonObject, UnknownKeyHintListsEveryAcceptedKey) {
  const json j = {{"c", 1}, {"group", 2}};
  JsonObject o(j, "net.json: layers[0]");
  o.integer("c", 1, 10);
  o.integer_or("groups", 1, 1, 10);  // absent, but accepted
  o.integer_or("stride", 1, 1, 10);
  EXPECT_EQ(error_of([&] { o.finish(); }),
            "net.json: layers[0].group: unknown key (known here: c, groups, stride)");
}

TEST(JsonObject, NumbersMustBeFinite) {
  const json j = {{"x", std::nan("")}, {"y", INFINITY}};
  JsonObject o(j, "t.json");
  EXPECT_NE(error_of([&] { o.number("x", 0, 1); }).find("expected a finite number"),
            std::string::npos);
  EXPECT_NE(error_of([&] { o.number("y", 0, INFINITY); }).find("expected a finite number"),
            std::string::npos);
}

TEST(ReadJsonFile, NamesADirectory) {
  EXPECT_EQ(error_of([] { codesign::util::read_json_file(::testing::TempDir()); }),
            ::testing::TempDir() + ": is a directory, expected a JSON file");
}
