#include "search/space_json.hpp"

#include <stdexcept>

namespace codesign::search {
namespace {

// Integers a double holds exactly.
constexpr std::int64_t kMaxInteger = std::int64_t(1) << 53;

Parameter parameter_from_json(util::JsonObject& p) {
  const std::string name = p.string("name");
  const std::string type = p.choice(
      "type", {"real", "integer", "log_integer", "power_of_two", "ordinal", "categorical"});
  if (type == "real")
    return Parameter::real(name, p.number("min", -1e300, 1e300), p.number("max", -1e300, 1e300));
  if (type == "ordinal") {
    const nlohmann::json& values = p.array("values");
    std::vector<double> v;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!values[i].is_number()) {
        p.fail("values[" + std::to_string(i) + "]", "expected a number, got " + values[i].dump());
      }
      v.push_back(values[i].get<double>());
    }
    return Parameter::ordinal(name, v);
  }
  if (type == "categorical") {
    const nlohmann::json& choices = p.array("choices");
    std::vector<std::string> c;
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (!choices[i].is_string()) {
        p.fail("choices[" + std::to_string(i) + "]", "expected a string, got " + choices[i].dump());
      }
      c.push_back(choices[i].get<std::string>());
    }
    return Parameter::categorical(name, c);
  }
  const long lo = long(p.integer("min", -kMaxInteger, kMaxInteger));
  const long hi = long(p.integer("max", -kMaxInteger, kMaxInteger));
  if (type == "integer") return Parameter::integer(name, lo, hi);
  if (type == "log_integer") return Parameter::log_integer(name, lo, hi);
  return Parameter::power_of_two(name, lo, hi);
}

}  // namespace

Space space_from_json(util::JsonObject& object) {
  const nlohmann::json& list = object.array("parameters");
  object.finish();
  Space space;
  for (std::size_t i = 0; i < list.size(); ++i) {
    util::JsonObject p = util::array_element(list, i, object.path_of("parameters"));
    try {
      space.add(parameter_from_json(p));
    } catch (const std::invalid_argument& e) {
      throw util::ConfigError(p.path() + ": " + e.what());
    }
    p.finish();
  }
  if (space.size() == 0) object.fail("parameters", "expected at least one parameter");
  return space;
}

}  // namespace codesign::search
