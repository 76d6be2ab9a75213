// Strict reading of JSON configuration: every struct's from_json goes through JsonObject,
// which names the file and key path in each error and rejects keys it was never asked for.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace codesign::util {

// A user-facing configuration error: the message names the file, the key path and the
// accepted range, e.g. "hw.json: rows: expected integer in [1, 64], got 0".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a JSON file; a missing file or a syntax error becomes a ConfigError naming the file.
nlohmann::json read_json_file(const std::string& path);

// A view of one JSON object at `path` (e.g. "hw.json: input_buffer") that hands out typed,
// range-checked fields and remembers which keys were read, so finish() can reject the rest.
class JsonObject {
 public:
  JsonObject(const nlohmann::json& value, std::string path);
  // A view must not outlive its JSON: refuse temporaries.
  JsonObject(nlohmann::json&& value, std::string path) = delete;

  bool has(const std::string& key) const;
  std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max);
  std::int64_t integer_or(const std::string& key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max);
  double number(const std::string& key, double min, double max);
  double number_or(const std::string& key, double fallback, double min, double max);
  // A figure with its provenance, {"value": x, "source": "..."}: the source must be named.
  double sourced_number(const std::string& key, double min, double max);
  bool boolean(const std::string& key);
  bool boolean_or(const std::string& key, bool fallback);
  std::string string(const std::string& key);
  std::string string_or(const std::string& key, const std::string& fallback);
  // A string that must be one of `allowed`.
  std::string choice(const std::string& key, const std::vector<std::string>& allowed);
  std::string choice_or(const std::string& key, const std::string& fallback,
                        const std::vector<std::string>& allowed);
  JsonObject object(const std::string& key);
  // The raw array at key (must be an array); elements are read by the caller.
  const nlohmann::json& array(const std::string& key);
  const nlohmann::json& raw(const std::string& key);

  // Throws if the object holds a key that no accessor asked for.
  void finish() const;

  // The path of a key below this object, for callers that report their own errors.
  std::string path_of(const std::string& key) const;
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

 private:
  const nlohmann::json& field(const std::string& key);

  const nlohmann::json& value_;
  std::string path_;
  std::set<std::string> used_;
};

// The element `index` of an array found at `path`, as an object view.
JsonObject array_element(const nlohmann::json& array, std::size_t index, const std::string& path);

}  // namespace codesign::util
