#include "regress/history.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "tests/regress/regress_fixtures.hpp"
#include "tests/study_path.hpp"
#include "util/json_reader.hpp"

namespace {

using namespace codesign::regress;
using codesign::tests::case_report;
using codesign::tests::run_report;

TEST(History, AccumulatesRunsAndReadsTheLastOnesBack) {
  const std::string path = codesign::tests::fresh_study_path("history.db");
  for (int i = 0; i < 4; ++i) {
    History h(path);  // reopened every run, as a nightly job does
    RunReport other = run_report({case_report("x/y", "x", Outcome::kPassed, 5)});
    other.suite = "other";
    h.append(other);
    const Outcome second = i < 2 ? Outcome::kPassed : Outcome::kDrift;
    RunReport run = run_report({case_report("a/w", "a", Outcome::kPassed, 100 + i),
                                case_report("b/w", "b", second, 200 + 10 * i)},
                               "2024-05-0" + std::to_string(i + 1) + "T02:00:00Z");
    EXPECT_GT(h.append(run), 0);
  }
  const History h(path);
  const std::vector<HistoryRun> runs = h.last_runs("nightly", 3);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs.front().provenance.date, "2024-05-02T02:00:00Z");  // oldest first
  EXPECT_EQ(runs.back().provenance.date, "2024-05-04T02:00:00Z");
  EXPECT_EQ(runs.back().provenance.tool_revision, "0123456789abcdef");
  EXPECT_EQ(runs.back().cases, 2u);
  EXPECT_EQ(runs.back().failures, 1u);
  EXPECT_EQ(runs[0].failures, 0u);
  EXPECT_DOUBLE_EQ(runs.back().wall_s, 12);
  const std::vector<HistoryResult> results = h.results("nightly", runs.front().id);
  ASSERT_EQ(results.size(), 6u);  // two cases of three runs; not the other suite's
  EXPECT_EQ(results[0].name, "a/w");
  EXPECT_EQ(results[0].run, runs[0].id);
  EXPECT_DOUBLE_EQ(results[0].metrics.at(Metric::kCycles), 101);
  EXPECT_EQ(results[0].metrics.count(Metric::kArea), 0u);  // not measured: no value
  EXPECT_EQ(results[5].name, "b/w");
  EXPECT_EQ(results[5].outcome, Outcome::kDrift);
  EXPECT_TRUE(results[5].failed);
  EXPECT_EQ(results[5].status, "ok");
  EXPECT_DOUBLE_EQ(results[5].metrics.at(Metric::kEnergy), 2300);
  EXPECT_EQ(h.last_runs("other", 100).size(), 4u);
}

TEST(History, HasOneWriterAtATime) {
  const std::string path = codesign::tests::fresh_study_path("locked.db");
  {
    const History writer(path);
    try {
      History second(path);
      FAIL() << "a second writer was let in";
    } catch (const codesign::util::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("in use by pid"), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(History again(path));  // released with the first
}

TEST(History, RefusesAFileOfAnotherSchema) {
  const std::string path = codesign::tests::fresh_study_path("not_history.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE trials (id INTEGER); PRAGMA user_version = 2", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  try {
    History h(path);
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": not a regression history"), std::string::npos)
        << e.what();
  }
}

}  // namespace
