#include "regress/junit.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>

#include "tests/regress/regress_fixtures.hpp"

namespace {

using namespace codesign::regress;
using codesign::tests::case_report;
using codesign::tests::run_report;

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_string(xml.c_str());
  EXPECT_TRUE(r) << r.description() << " at offset " << r.offset << "\n" << xml;
  return doc;
}

TEST(Junit, ASuitePerVariantACasePerTestcaseFailuresAndErrors) {
  RunReport run = run_report({
      case_report("a/dqn", "a", Outcome::kPassed, 100),
      case_report("b/dqn", "b", Outcome::kDrift, 120,
                  "cycles: 120 cycles against baseline 100 (+20%), tolerance +-(0% + 0)"),
      case_report("a/mlp", "a", Outcome::kError, 0, "build_failure: verilator exited with 1"),
      case_report("b/mlp", "b", Outcome::kImproved, 90, "improved beyond tolerance: cycles"),
      case_report("b/bert", "b", Outcome::kMissingBaseline, 90, "no baseline for this case"),
      case_report("a/bert", "a", Outcome::kFailed, 0, "mismatch: fc: output 3"),
  });
  const pugi::xml_document doc = parse(junit_xml(run));
  const pugi::xml_node root = doc.child("testsuites");
  EXPECT_STREQ(root.attribute("tests").value(), "6");
  EXPECT_STREQ(root.attribute("failures").value(), "3");
  EXPECT_STREQ(root.attribute("errors").value(), "1");
  std::vector<std::string> suites;
  std::set<std::string> names;
  for (const pugi::xml_node s : root.children("testsuite")) {
    suites.push_back(s.attribute("name").value());
    EXPECT_STREQ(s.attribute("tests").value(), "3");
    EXPECT_STREQ(s.attribute("timestamp").value(), "2024-05-01T02:00:00");
    EXPECT_STREQ(s.attribute("time").value(), "4.500");
    EXPECT_STREQ(s.child("properties")
                     .find_child_by_attribute("name", "rtl_revision")
                     .attribute("value")
                     .value(),
                 "fedcba9876543210");
    for (const pugi::xml_node c : s.children("testcase")) {
      EXPECT_EQ(std::string(c.attribute("classname").value()), "regress.nightly." + suites.back());
      EXPECT_STREQ(c.attribute("time").value(), "1.500");
      EXPECT_TRUE(names.insert(c.attribute("name").value()).second) << "duplicate name";
      EXPECT_FALSE(c.child("system-out").empty());
    }
  }
  EXPECT_EQ(suites, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names.size(), 6u);

  const pugi::xml_node a = root.find_child_by_attribute("testsuite", "name", "a");
  const pugi::xml_node b = root.find_child_by_attribute("testsuite", "name", "b");
  EXPECT_STREQ(a.attribute("failures").value(), "1");
  EXPECT_STREQ(a.attribute("errors").value(), "1");
  EXPECT_STREQ(b.attribute("failures").value(), "2");
  EXPECT_STREQ(b.attribute("errors").value(), "0");
  const pugi::xml_node drift = b.find_child_by_attribute("testcase", "name", "b/dqn");
  EXPECT_STREQ(drift.child("failure").attribute("type").value(), "drift");
  EXPECT_STREQ(drift.child("failure").attribute("message").value(),
               "cycles: 120 cycles against baseline 100 (+20%), tolerance +-(0% + 0)");
  EXPECT_STREQ(drift.child("system-out").text().get(), "details of b/dqn\n");
  const pugi::xml_node error = a.find_child_by_attribute("testcase", "name", "a/mlp");
  EXPECT_TRUE(error.child("failure").empty());
  EXPECT_STREQ(error.child("error").attribute("type").value(), "build_failure");
  EXPECT_STREQ(a.find_child_by_attribute("testcase", "name", "a/bert")
                   .child("failure")
                   .attribute("type")
                   .value(),
               "mismatch");
  EXPECT_STREQ(b.find_child_by_attribute("testcase", "name", "b/bert")
                   .child("failure")
                   .attribute("type")
                   .value(),
               "missing_baseline");
  const pugi::xml_node improved = b.find_child_by_attribute("testcase", "name", "b/mlp");
  EXPECT_TRUE(improved.child("failure").empty());
  EXPECT_EQ(std::string(improved.child("system-out").text().get()).rfind("IMPROVED: ", 0), 0u);
  const pugi::xml_node passed = a.find_child_by_attribute("testcase", "name", "a/dqn");
  EXPECT_TRUE(passed.child("failure").empty() && passed.child("error").empty());
}

TEST(Junit, AnUpdatedBaselineTurnsDriftIntoAPass) {
  CaseReport c = case_report("a/dqn", "a", Outcome::kDrift, 120, "cycles: ...");
  c.baseline_updated = true;
  const pugi::xml_document doc = parse(junit_xml(run_report({c})));
  const pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  EXPECT_TRUE(tc.child("failure").empty());
  EXPECT_NE(std::string(tc.child("system-out").text().get()).find("baseline updated"),
            std::string::npos);
}

TEST(Junit, EscapesMarkupControlCharactersAndInvalidUtf8) {
  const std::string nasty = std::string("a<b>&\"c' \x01\x1b[31m\x7f tab\there\nline \xff\xfe ") +
                            "ok: \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 bad: \xc0\xaf \xed\xa0\x80";
  CaseReport c = case_report("v/<w&x>", "v.1", Outcome::kDrift, 1, nasty);
  c.verdict.details = nasty;
  const std::string xml = junit_xml(run_report({c}));
  const pugi::xml_document doc = parse(xml);
  const pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  EXPECT_STREQ(tc.attribute("name").value(), "v/<w&x>");
  // Jenkins splits classnames at dots: the variant stays one class.
  EXPECT_STREQ(tc.attribute("classname").value(), "regress.nightly.v_1");
  const std::string want =
      "a<b>&\"c' \\x01\\x1b[31m\x7f tab\there\nline \xef\xbf\xbd\xef\xbf\xbd ok: \xc3\xa9 "
      "\xe2\x82\xac \xf0\x9f\x98\x80 bad: \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd"
      "\xef\xbf\xbd";
  EXPECT_EQ(std::string(tc.child("failure").attribute("message").value()), want);
  EXPECT_EQ(std::string(tc.child("system-out").text().get()), want);
  // No raw control character other than tab, newline and carriage return anywhere.
  for (const char ch : xml) {
    const auto u = static_cast<unsigned char>(ch);
    EXPECT_TRUE(u >= 0x20 || u == '\n' || u == '\r' || u == '\t') << int(u);
  }
}

}  // namespace
