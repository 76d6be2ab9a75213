#include "importer/layer_names.hpp"

#include <cctype>
#include <sstream>
#include <vector>

namespace codesign::importer {

namespace {

// Letters and digits kept, every run of anything else one '_', none at either end.
std::string sanitised(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  if (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::string layer_name(const std::string& node_name, const std::string& op_type) {
  std::vector<std::string> parts;
  std::stringstream path(node_name);
  for (std::string p; std::getline(path, p, '/');)
    if (!p.empty()) parts.push_back(p);
  if (parts.size() > 1 && starts_with(parts.back(), op_type)) parts.pop_back();
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (i + 1 == parts.size() || !starts_with(parts[i + 1], parts[i] + "."))
      joined += (joined.empty() ? "" : "_") + parts[i];
  std::string name = sanitised(joined);
  if (name.empty()) {
    for (char c : op_type) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    name = sanitised(name);
  }
  return name.empty() ? "layer" : name;
}

std::string UniqueNames::take(const std::string& name) {
  std::string candidate = name;
  for (int i = 2; taken_.count(candidate); ++i) candidate = name + "_" + std::to_string(i);
  taken_.insert(candidate);
  return candidate;
}

}  // namespace codesign::importer
