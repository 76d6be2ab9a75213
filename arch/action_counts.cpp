#include "arch/action_counts.hpp"

#include "util/json_reader.hpp"

namespace codesign::arch {

ActionCounts& ActionCounts::operator+=(const ActionCounts& o) {
  // Pair up fields by visiting both in the same order.
  std::uint64_t values[32];
  int n = 0;
  o.for_each([&](const char*, std::uint64_t v) { values[n++] = v; });
  n = 0;
  for_each_mut([&](const char*, std::uint64_t& v) { v += values[n++]; });
  return *this;
}

ActionCounts ActionCounts::scaled(std::uint64_t times) const {
  ActionCounts r = *this;
  r.for_each_mut([&](const char*, std::uint64_t& v) { v *= times; });
  return r;
}

nlohmann::json to_json(const ActionCounts& a) {
  nlohmann::json j = nlohmann::json::object();
  a.for_each([&](const char* name, std::uint64_t v) { j[name] = v; });
  return j;
}

ActionCounts action_counts_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  ActionCounts a;
  a.for_each_mut([&](const char* name, std::uint64_t& v) {
    v = static_cast<std::uint64_t>(o.integer(name, 0, INT64_MAX));
  });
  o.finish();
  return a;
}

}  // namespace codesign::arch
