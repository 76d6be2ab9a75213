#include "regress/junit.hpp"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <sstream>

namespace codesign::regress {

namespace {

// The length of the valid UTF-8 sequence at s[i] that encodes a character XML 1.0 allows
// (0 if none): no overlong forms, surrogates, U+FFFE/U+FFFF or code points past U+10FFFF.
std::size_t valid_utf8(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF)
    n = 2, cp = b0 & 0x1F;
  else if (b0 >= 0xE0 && b0 <= 0xEF)
    n = 3, cp = b0 & 0x0F;
  else if (b0 >= 0xF0 && b0 <= 0xF4)
    n = 4, cp = b0 & 0x07;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const std::uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
    return 0;
  return n;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string attribute(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(value) + "\"";
}

// Jenkins splits a classname at dots into package and class: keep the variant one class.
std::string class_part(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c == '.') c = '_';
  return out;
}

std::string hostname() {
  char buf[256] = {};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? buf : "localhost";
}

struct Counts {
  std::size_t failures = 0, errors = 0;
  double time = 0;
};

Counts counts_of(const std::vector<const CaseReport*>& cases) {
  Counts n;
  for (const CaseReport* c : cases) {
    if (c->failed()) ++(c->verdict.outcome == Outcome::kError ? n.errors : n.failures);
    n.time += c->result.wall_s;
  }
  return n;
}

void write_testcase(std::ostringstream& x, const std::string& suite, const CaseReport& c) {
  x << "    <testcase"
    << attribute("classname", "regress." + class_part(suite) + "." + class_part(c.variant))
    << attribute("name", c.name) << attribute("time", seconds(c.result.wall_s)) << ">\n";
  const Verdict& v = c.verdict;
  if (c.failed()) {
    const bool error = v.outcome == Outcome::kError;
    const std::string type =
        v.outcome == Outcome::kFailed || error ? to_string(c.result.status) : to_string(v.outcome);
    x << "      <" << (error ? "error" : "failure") << attribute("type", type)
      << attribute("message", v.message) << ">" << xml_escape(v.message) << "</"
      << (error ? "error" : "failure") << ">\n";
  }
  std::string out;
  if (v.outcome == Outcome::kImproved) out += "IMPROVED: " + v.message + "\n";
  if (c.baseline_updated) out += "baseline updated with this run's values\n";
  out += v.details;
  x << "      <system-out>" << xml_escape(out) << "</system-out>\n";
  x << "    </testcase>\n";
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\n':
          out += "&#10;";
          break;
        case '\r':
          out += "&#13;";
          break;
        case '\t':
          out += "&#9;";
          break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const std::size_t n = valid_utf8(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

std::string junit_xml(const RunReport& run) {
  // Variants in order of first appearance, each with its cases in suite order.
  std::vector<std::string> variants;
  std::map<std::string, std::vector<const CaseReport*>> by_variant;
  for (const CaseReport& c : run.cases) {
    if (by_variant[c.variant].empty()) variants.push_back(c.variant);
    by_variant[c.variant].push_back(&c);
  }
  // JUnit's timestamp is an xs:dateTime without a zone.
  std::string timestamp = run.provenance.date;
  if (!timestamp.empty() && timestamp.back() == 'Z') timestamp.pop_back();
  std::vector<const CaseReport*> all;
  for (const CaseReport& c : run.cases) all.push_back(&c);
  const Counts total = counts_of(all);

  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites" << attribute("name", "codesign regress " + run.suite)
    << attribute("tests", std::to_string(run.cases.size()))
    << attribute("failures", std::to_string(total.failures))
    << attribute("errors", std::to_string(total.errors)) << attribute("time", seconds(run.wall_s))
    << ">\n";
  const std::string host = hostname();
  for (const std::string& variant : variants) {
    const auto& cases = by_variant[variant];
    const Counts n = counts_of(cases);
    x << "  <testsuite" << attribute("name", variant)
      << attribute("tests", std::to_string(cases.size()))
      << attribute("failures", std::to_string(n.failures))
      << attribute("errors", std::to_string(n.errors)) << attribute("skipped", "0")
      << attribute("time", seconds(n.time)) << attribute("timestamp", timestamp)
      << attribute("hostname", host) << ">\n";
    x << "    <properties>\n"
      << "      <property" << attribute("name", "suite") << attribute("value", run.suite) << "/>\n"
      << "      <property" << attribute("name", "tool_revision")
      << attribute("value", run.provenance.tool_revision) << "/>\n"
      << "      <property" << attribute("name", "rtl_revision")
      << attribute("value", run.provenance.rtl_revision) << "/>\n"
      << "    </properties>\n";
    for (const CaseReport* c : cases) write_testcase(x, run.suite, *c);
    x << "  </testsuite>\n";
  }
  x << "</testsuites>\n";
  return x.str();
}

}  // namespace codesign::regress
