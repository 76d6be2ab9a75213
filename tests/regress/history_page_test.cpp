#include "regress/history_page.hpp"

#include <gtest/gtest.h>

#include "tests/regress/regress_fixtures.hpp"
#include "tests/study_path.hpp"

namespace {

using namespace codesign::regress;
using codesign::tests::case_report;
using codesign::tests::run_report;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST(HistoryPage, ShowsThisRunAndEachMetricsTrendWithTheFirstFailingRunMarked) {
  const std::string path = codesign::tests::fresh_study_path("page.db");
  History h(path);
  RunReport last;
  // b/w passes twice, then fails twice: the page marks run 3, where its failures began.
  for (int i = 0; i < 4; ++i) {
    last = run_report({case_report("a/w", "a", Outcome::kPassed, 100),
                       case_report("b/<w>", "b", i < 2 ? Outcome::kPassed : Outcome::kDrift,
                                   200 + 10 * i, i < 2 ? "" : "cycles drifted")},
                      "2024-05-0" + std::to_string(i + 1) + "T02:00:00Z");
    h.append(last);
  }
  const auto runs = h.last_runs("nightly", 30);
  const std::string page = history_page(last, runs, h.results("nightly", runs.front().id));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // self-contained, no scripts
  EXPECT_EQ(page.find(" src="), std::string::npos);    // nothing loaded from elsewhere
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_NE(page.find("2 cases, 1 failed"), std::string::npos);
  EXPECT_NE(page.find("b/&lt;w&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(page.find("b/<w>"), std::string::npos);
  // Three metrics (no area measured) for each of the two cases.
  EXPECT_EQ(count(page, "<svg"), 6u);
  EXPECT_NE(page.find("failing since run 3 (2024-05-03T02:00:00Z"), std::string::npos) << page;
  EXPECT_EQ(count(page, "data-name=\"first failing run\""), 3u);  // only b's charts
  EXPECT_EQ(count(page, "failing since"), 1u);
}

TEST(HistoryPage, WithoutAHistoryShowsThisRunOnly) {
  const RunReport run = run_report({case_report("a/w", "a", Outcome::kPassed, 100)});
  const std::string page = history_page(run, {}, {});
  EXPECT_NE(page.find("No history"), std::string::npos);
  EXPECT_EQ(count(page, "<svg"), 0u);
  EXPECT_NE(page.find(">a/w</a>"), std::string::npos);
}

}  // namespace
