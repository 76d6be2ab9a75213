#include "util/json_reader.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace codesign::util {

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot open file");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError(path + ": malformed JSON: " + e.what());
  }
}

JsonObject::JsonObject(const nlohmann::json& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object())
    throw ConfigError(path_ + ": expected an object, got " + std::string(value_.type_name()));
}

std::string JsonObject::path_of(const std::string& key) const {
  // The root path is the file name ("hw.json"); nested paths are dotted ("hw.json: a.b").
  const auto colon = path_.find(": ");
  if (colon == std::string::npos) return path_ + ": " + key;
  return path_ + "." + key;
}

void JsonObject::fail(const std::string& key, const std::string& what) const {
  throw ConfigError(path_of(key) + ": " + what);
}

bool JsonObject::has(const std::string& key) const { return value_.contains(key); }

const nlohmann::json& JsonObject::field(const std::string& key) {
  if (!value_.contains(key)) fail(key, "missing required key");
  used_.insert(key);
  return value_.at(key);
}

const nlohmann::json& JsonObject::raw(const std::string& key) { return field(key); }

std::int64_t JsonObject::integer(const std::string& key, std::int64_t min, std::int64_t max) {
  const auto& v = field(key);
  const std::string range = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  std::int64_t x = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      fail(key, "expected integer in " + range + ", got " + v.dump());
    x = v.get<std::int64_t>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
             std::abs(v.get<double>()) < 9e15) {
    x = static_cast<std::int64_t>(v.get<double>());
  } else {
    fail(key, "expected integer in " + range + ", got " + v.dump());
  }
  if (x < min || x > max) fail(key, "expected integer in " + range + ", got " + v.dump());
  return x;
}

std::int64_t JsonObject::integer_or(const std::string& key, std::int64_t fallback, std::int64_t min,
                                    std::int64_t max) {
  return has(key) ? integer(key, min, max) : fallback;
}

double JsonObject::number(const std::string& key, double min, double max) {
  const auto& v = field(key);
  std::ostringstream range;
  range << "[" << min << ", " << max << "]";
  if (!v.is_number()) fail(key, "expected number in " + range.str() + ", got " + v.dump());
  const double x = v.get<double>();
  if (!(x >= min && x <= max)) fail(key, "expected number in " + range.str() + ", got " + v.dump());
  return x;
}

double JsonObject::number_or(const std::string& key, double fallback, double min, double max) {
  return has(key) ? number(key, min, max) : fallback;
}

double JsonObject::sourced_number(const std::string& key, double min, double max) {
  JsonObject f = object(key);
  const double v = f.number("value", min, max);
  if (f.string("source").empty()) f.fail("source", "must name where the figure comes from");
  f.finish();
  return v;
}

bool JsonObject::boolean(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_boolean()) fail(key, "expected true or false, got " + v.dump());
  return v.get<bool>();
}

bool JsonObject::boolean_or(const std::string& key, bool fallback) {
  return has(key) ? boolean(key) : fallback;
}

std::string JsonObject::string(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_string()) fail(key, "expected a string, got " + v.dump());
  return v.get<std::string>();
}

std::string JsonObject::string_or(const std::string& key, const std::string& fallback) {
  return has(key) ? string(key) : fallback;
}

std::string JsonObject::choice(const std::string& key, const std::vector<std::string>& allowed) {
  const std::string s = string(key);
  for (const auto& a : allowed)
    if (a == s) return s;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
  fail(key, "expected one of " + list + ", got \"" + s + "\"");
}

std::string JsonObject::choice_or(const std::string& key, const std::string& fallback,
                                  const std::vector<std::string>& allowed) {
  return has(key) ? choice(key, allowed) : fallback;
}

JsonObject JsonObject::object(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_object()) fail(key, "expected an object, got " + std::string(v.type_name()));
  const auto colon = path_.find(": ");
  return JsonObject(v, colon == std::string::npos ? path_ + ": " + key : path_ + "." + key);
}

const nlohmann::json& JsonObject::array(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_array()) fail(key, "expected an array, got " + std::string(v.type_name()));
  return v;
}

void JsonObject::finish() const {
  for (const auto& [key, _] : value_.items()) {
    if (used_.count(key) == 0) {
      std::string known;
      for (const auto& k : used_) known += (known.empty() ? "" : ", ") + k;
      throw ConfigError(path_of(key) + ": unknown key" +
                        (known.empty() ? std::string() : " (known here: " + known + ")"));
    }
  }
}

JsonObject array_element(const nlohmann::json& array, std::size_t index, const std::string& path) {
  return JsonObject(array.at(index), path + "[" + std::to_string(index) + "]");
}

}  // namespace codesign::util
