#include "util/json_reader.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace codesign::util {

using nlohmann::json;

namespace {

// A control character at s[i] (C0, DEL, or C1 as UTF-8 0xC2 0x80-0x9F): its byte length,
// else 0.
std::size_t control_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7f) return 1;
  if (c == 0xc2 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0x9f) return 2;
  }
  return 0;
}

bool has_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (control_at(s, i) > 0) return true;
  return false;
}

// `s` cut at a UTF-8 character boundary at or before `n` bytes.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}

// A JSON string literal of at most about `limit` bytes of `s`.
std::string quoted(std::string_view s, std::size_t limit) {
  const std::string_view head = utf8_prefix(s, limit);
  return json(std::string(head)).dump(-1, ' ', false, json::error_handler_t::replace) +
         (head.size() < s.size() ? "..." : "");
}

// Builds the document from the parser's events with an explicit stack (no recursion),
// remembering the key path to name it in errors, and refuses what a configuration never
// needs: duplicate keys, nesting deeper than kMaxJsonDepth.
class StrictBuilder : public nlohmann::json_sax<json> {
 public:
  explicit StrictBuilder(std::string source) : source_(std::move(source)) {}

  json take() { return std::move(root_); }

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool v) override { return add(json(v)); }
  bool number_integer(number_integer_t v) override { return add(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(json(v)); }
  bool string(string_t& v) override { return add(json(std::move(v))); }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    f.key = std::move(k);
    f.keyed = true;
    if (f.node->contains(f.key)) return fail("key given twice");
    return true;
  }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& e) override {
    if (e.id == 406)  // out_of_range: a number beyond double's range
      return fail("number " + printable(token, 40) + " is out of range (beyond 1.8e308)");
    throw ConfigError(source_ + ": malformed JSON at " + where() + " (byte " +
                      std::to_string(position) + "): " + e.what());
  }

 private:
  struct Frame {
    json* node;
    std::string key;        // objects: the key being read
    bool keyed = false;     // objects: a key has been read
    std::size_t index = 0;  // arrays: the element being read
  };

  // Where the parser is, e.g. "layers[2].h" (cut in the middle if long).
  std::string where() const {
    std::string path;
    for (const Frame& f : stack_) {
      if (f.node->is_array())
        path += "[" + std::to_string(f.index) + "]";
      else if (f.keyed)
        path += (path.empty() ? "" : ".") + printable(f.key, 40);
    }
    if (path.size() > 130) path = path.substr(0, 60) + "..." + path.substr(path.size() - 60);
    return path.empty() ? "top level" : path;
  }

  [[noreturn]] bool fail(const std::string& what) const {
    throw ConfigError(source_ + ": " + where() + ": " + what);
  }

  // Places a value in its parent (the root if none); returns where it now lives. An
  // array's index advances when its element is complete (add, close), so an element is
  // named by its own index while it is read.
  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *stack_.back().node;
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& slot = parent[stack_.back().key];
    slot = std::move(v);
    return &slot;
  }

  void next_element() {
    if (!stack_.empty() && stack_.back().node->is_array()) ++stack_.back().index;
  }

  bool add(json&& v) {
    place(std::move(v));
    next_element();
    return true;
  }

  bool open(json&& container) {
    if (stack_.size() >= kMaxJsonDepth)
      fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    stack_.push_back({place(std::move(container)), "", false, 0});
    return true;
  }

  bool close() {
    stack_.pop_back();
    next_element();
    return true;
  }

  std::string source_;
  json root_;
  std::vector<Frame> stack_;
};

}  // namespace

ConfigError::ConfigError(const std::string& message)
    : std::runtime_error(printable(message, 2000)) {}

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  const std::string_view head = utf8_prefix(text, limit);
  for (std::size_t i = 0; i < head.size(); ++i) {
    const std::size_t n = control_at(head, i);
    if (n == 0) {
      out += head[i];
      continue;
    }
    for (std::size_t j = 0; j < n; ++j) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(head[i + j]));
      out += hex;
    }
    i += n - 1;
  }
  if (head.size() < text.size())
    out += "... (" + std::to_string(text.size() - head.size()) + " more bytes)";
  return out;
}

std::string excerpt(const json& value, std::size_t limit) {
  std::string out;
  struct Frame {
    json::const_iterator it, end;
    bool object, first;
  };
  std::vector<Frame> stack;
  auto visit = [&](const json& v) {
    if (v.is_object() || v.is_array()) {
      out += v.is_object() ? '{' : '[';
      stack.push_back({v.cbegin(), v.cend(), v.is_object(), true});
    } else if (v.is_string()) {
      out += quoted(v.get_ref<const std::string&>(), limit);
    } else {
      out += v.dump();
    }
  };
  visit(value);
  while (!stack.empty() && out.size() <= limit) {
    Frame& f = stack.back();
    if (f.it == f.end) {
      out += f.object ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (!f.first) out += ',';
    f.first = false;
    if (f.object) out += quoted(f.it.key(), limit) + ':';
    const json& child = *f.it;
    ++f.it;
    visit(child);
  }
  if (out.size() > limit) return std::string(utf8_prefix(out, limit)) + "...";
  return stack.empty() ? out : out + "...";
}

json parse_json(std::string_view text, const std::string& source) {
  StrictBuilder builder(source);
  json::sax_parse(text.begin(), text.end(), &builder);
  return builder.take();
}

json read_json_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ConfigError(path + ": is a directory, expected a JSON file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError(path + ": cannot read file");
  return parse_json(text.str(), path);
}

JsonObject::JsonObject(const json& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object())
    throw ConfigError(path_ + ": expected an object, got " + std::string(value_.type_name()));
}

std::string JsonObject::path_of(const std::string& key) const {
  // The root path is the file name ("hw.json"); nested paths are dotted ("hw.json: a.b").
  // A key may come from the file (an unknown key): quote it safely.
  const std::string k = printable(key, 80);
  const auto colon = path_.find(": ");
  if (colon == std::string::npos) return path_ + ": " + k;
  return path_ + "." + k;
}

void JsonObject::fail(const std::string& key, const std::string& what) const {
  throw ConfigError(path_of(key) + ": " + what);
}

bool JsonObject::has(const std::string& key) const {
  asked_.insert(key);
  return value_.contains(key);
}

const json& JsonObject::field(const std::string& key) {
  if (!has(key)) fail(key, "missing required key");
  used_.insert(key);
  return value_.at(key);
}

const json& JsonObject::raw(const std::string& key) { return field(key); }

std::int64_t JsonObject::integer(const std::string& key, std::int64_t min, std::int64_t max) {
  const auto& v = field(key);
  const std::string range = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  std::int64_t x = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      fail(key, "expected integer in " + range + ", got " + excerpt(v));
    x = v.get<std::int64_t>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
             std::abs(v.get<double>()) < 9e15) {
    x = static_cast<std::int64_t>(v.get<double>());
  } else {
    fail(key, "expected integer in " + range + ", got " + excerpt(v));
  }
  if (x < min || x > max) fail(key, "expected integer in " + range + ", got " + excerpt(v));
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
  // JSON text has no NaN or infinity, but a document built in code may: refuse them too.
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    fail(key, "expected a finite number in " + range.str() + ", got " + excerpt(v));
  const double x = v.get<double>();
  if (!(x >= min && x <= max))
    fail(key, "expected number in " + range.str() + ", got " + excerpt(v));
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
  if (!v.is_boolean()) fail(key, "expected true or false, got " + excerpt(v));
  return v.get<bool>();
}

bool JsonObject::boolean_or(const std::string& key, bool fallback) {
  return has(key) ? boolean(key) : fallback;
}

std::string JsonObject::string(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_string()) fail(key, "expected a string, got " + excerpt(v));
  // Names and labels are printed on terminals and in reports: no control characters.
  if (has_control(v.get_ref<const std::string&>()))
    fail(key, "expected a string without control characters, got " + excerpt(v));
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
  fail(key, "expected one of " + list + ", got " + quoted(s, 60));
}

std::string JsonObject::choice_or(const std::string& key, const std::string& fallback,
                                  const std::vector<std::string>& allowed) {
  return has(key) ? choice(key, allowed) : fallback;
}

JsonObject JsonObject::object(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_object()) fail(key, "expected an object, got " + excerpt(v));
  return JsonObject(v, path_of(key));
}

const json& JsonObject::array(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_array()) fail(key, "expected an array, got " + excerpt(v));
  return v;
}

void JsonObject::finish() const {
  for (const auto& [key, _] : value_.items()) {
    if (used_.count(key) == 0) {
      std::string known;
      for (const auto& k : asked_) known += (known.empty() ? "" : ", ") + k;
      throw ConfigError(path_of(key) + ": unknown key" +
                        (known.empty() ? std::string() : " (known here: " + known + ")"));
    }
  }
}

JsonObject array_element(const json& array, std::size_t index, const std::string& path) {
  return JsonObject(array.at(index), path + "[" + std::to_string(index) + "]");
}

}  // namespace codesign::util
