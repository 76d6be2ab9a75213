// Strict reading of JSON configuration: every struct's from_json goes through JsonObject,
// which names the file and key path in each error and rejects keys it was never asked for.
// Whatever a file holds, reading it cannot crash and no error message can flood or steer
// the terminal: nesting is bounded at parse time, bad values are quoted as short escaped
// excerpts built without recursion, and every ConfigError escapes control characters.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace codesign::util {

// A user-facing configuration error: the message names the file, the key path and the
// accepted range, e.g. "hw.json: rows: expected integer in [1, 64], got 0". The message is
// made safe to print: control characters are escaped and its length is bounded.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message);
};

// Deepest nesting of arrays and objects a configuration may use (ours use 4).
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses a JSON file strictly: a missing file, a syntax error, a number beyond double's
// range (1e309), a key given twice or nesting deeper than kMaxJsonDepth is a ConfigError
// naming the file and, where there is one, the key path.
nlohmann::json read_json_file(const std::string& path);
// The same for text in memory; `source` names it in errors.
nlohmann::json parse_json(std::string_view text, const std::string& source);

// `text` with control characters (C0, DEL, C1) escaped as \xHH and cut to about `limit`
// bytes (marked "..."): safe to echo to a terminal.
std::string printable(std::string_view text, std::size_t limit = 1000);
// At most about `limit` characters of `value` as JSON text, "..." where cut, built
// iteratively: safe for any value, however deep or large.
std::string excerpt(const nlohmann::json& value, std::size_t limit = 60);

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

  // Throws if the object holds a key that no accessor read; the message lists every key
  // this object accepts (those asked about, present or not).
  void finish() const;

  // The path of a key below this object, for callers that report their own errors.
  std::string path_of(const std::string& key) const;
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

 private:
  const nlohmann::json& field(const std::string& key);

  const nlohmann::json& value_;
  std::string path_;
  std::set<std::string> used_;           // keys read
  mutable std::set<std::string> asked_;  // keys read or asked about: the accepted keys
};

// The element `index` of an array found at `path`, as an object view.
JsonObject array_element(const nlohmann::json& array, std::size_t index, const std::string& path);

}  // namespace codesign::util
