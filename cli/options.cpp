#include "cli/options.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace codesign::cli {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

const CLI::Validator kFinite(
    [](std::string& text) -> std::string {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end != text.c_str() && !std::isfinite(v)) return "expected a finite number, got " + text;
      return "";  // anything else is the option's own conversion and range check
    },
    "");

const CLI::Validator kNotNegative(
    [](std::string& text) -> std::string {
      const auto first = text.find_first_not_of(" \t");
      if (first != std::string::npos && text[first] == '-')
        return "expected a non-negative integer, got " + text;
      return "";
    },
    "");

}  // namespace

void check_numbers(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) check_numbers(*sub);
  for (CLI::Option* option : app.get_options()) {
    const std::string type = option->get_type_name();
    if (starts_with(type, "FLOAT"))
      option->check(kFinite);
    else if (starts_with(type, "UINT"))
      option->check(kNotNegative);
  }
}

std::vector<util::PathArg> paths_given(const std::vector<const CLI::Option*>& options) {
  std::vector<util::PathArg> out;
  for (const CLI::Option* o : options)
    if (o->count() > 0) out.push_back({o->get_name(), o->as<std::string>()});
  return out;
}

}  // namespace codesign::cli
