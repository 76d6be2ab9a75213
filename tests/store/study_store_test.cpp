#include "store/study_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/study_path.hpp"
#include "util/json_reader.hpp"

using codesign::store::StudyStore;
using codesign::store::Trial;
using Access = codesign::store::StudyStore::Access;

namespace {

Trial trial(double objective, bool feasible, const std::string& fidelity = "model") {
  Trial t;
  t.algorithm = "bo";
  t.fidelity = fidelity;
  t.status = feasible ? "ok" : "infeasible";
  t.feasible = feasible;
  t.objective = objective;
  t.energy_pj = 2 * objective;
  t.delay_s = 0.5;
  t.design = "16x16 os";
  t.params = {{"rows", 16}, {"x", objective}};
  t.result = {{"cycles", 100}};
  return t;
}

// A SQLite file made outside the store, with the given user_version and a table.
void foreign_file(const std::string& path, int user_version) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string sql =
      "CREATE TABLE trials (id INTEGER PRIMARY KEY, params TEXT); "
      "PRAGMA user_version = " +
      std::to_string(user_version);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(StudyStore, StoresAndReopensTrials) {
  const std::string path = codesign::tests::fresh_study_path("study_reopen.db");
  {
    const auto s = StudyStore::create(path, {{"seed", "7"}});
    EXPECT_EQ(s->add(trial(3.0, true)), 1);
    EXPECT_EQ(s->add(trial(1.0, false)), 2);
    EXPECT_EQ(s->add(trial(2.0, true)), 3);
  }
  const StudyStore s(path, Access::kRead);
  EXPECT_EQ(s.count(), 3);
  EXPECT_EQ(s.meta("seed"), "7");
  EXPECT_FALSE(s.meta("absent").has_value());
  const auto all = s.trials();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].status, "infeasible");
  EXPECT_EQ(all[2].params["x"], 2.0);
  EXPECT_EQ(s.best()->id, 3);  // the infeasible 1.0 does not count
  EXPECT_FALSE(s.best("rtl").has_value());
  EXPECT_EQ(s.get(2)->objective, 1.0);
}

TEST(StudyStore, KillNineLosesNoCompletedTrial) {
  const std::string path = codesign::tests::fresh_study_path("study_kill.db");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    const auto s = StudyStore::create(path, {});
    for (int i = 0;; ++i) {
      s->add(trial(i, true));
      const std::int64_t done = i + 1;  // report only after the commit returned
      if (::write(fds[1], &done, sizeof done) != sizeof done) ::_exit(1);
    }
  }
  ::close(fds[1]);
  std::int64_t acknowledged = 0, v = 0;
  while (acknowledged < 200 && ::read(fds[0], &v, sizeof v) == sizeof v) acknowledged = v;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  while (::read(fds[0], &v, sizeof v) == sizeof v) acknowledged = v;
  ::close(fds[0]);
  // The killed writer's lock went with it: the study is writable again.
  StudyStore s(path, Access::kWrite);
  EXPECT_GE(s.count(), acknowledged);
  const auto all = s.trials();
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].objective, double(i));
}

TEST(StudyStore, UnwritableLocationIsAClearError) {
  try {
    StudyStore::create("/nonexistent-dir/study.db", {});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/study.db"), std::string::npos);
  }
}

TEST(StudyStore, LargeParamsAndResultsRoundTripExactly) {
  const std::string path = codesign::tests::fresh_study_path("study_large.db");
  Trial t = trial(1.5, true);
  // The shape of a co-design trial: many layers, each with a nested mapping and metrics.
  t.params = {{"hw", {{"rows", 16}, {"dataflows", {"os", "ws"}}}},
              {"layers", nlohmann::json::array()}};
  for (int i = 0; i < 50; ++i)
    t.params["layers"].push_back(
        {{"layer", {{"name", "conv" + std::to_string(i)}, {"k", 64 + i}}},
         {"mapping", {{"dram_order", {"P", "K", "C"}}, {"buffer_tile", {{"K", i}, {"C", 3}}}}}});
  t.result = {{"energy_pj", 1.0 / 3.0}, {"cycles", 123456789012ULL}, {"name", "ünïcode \"q\""}};
  std::int64_t id = 0;
  id = StudyStore::create(path, {})->add(t);
  const auto back = StudyStore(path, Access::kRead).get(id);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->params, t.params);
  EXPECT_EQ(back->result, t.result);
}

TEST(StudyStore, SummariesCarryTheTypedColumns) {
  const std::string path = codesign::tests::fresh_study_path("study_summaries.db");
  const auto created = StudyStore::create(path, {});
  StudyStore& s = *created;
  s.add(trial(3.0, true));
  Trial t = trial(2.0, false);
  t.reason = "no valid mapping for conv1";
  t.wall_s = 0.25;
  t.area_mm2 = 1.75;
  s.add(t);
  const auto all = s.summaries();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[0].objective, 3.0);
  EXPECT_EQ(all[0].energy_pj, 6.0);
  EXPECT_EQ(all[0].delay_s, 0.5);
  EXPECT_EQ(all[0].design, "16x16 os");
  EXPECT_FALSE(all[1].feasible);
  EXPECT_EQ(all[1].reason, "no valid mapping for conv1");
  EXPECT_EQ(all[1].wall_s, 0.25);
  EXPECT_EQ(all[0].area_mm2, 0.0);
  EXPECT_EQ(all[1].area_mm2, 1.75);
}

TEST(StudyStore, ChildrenAreTheTrialsThatNameTheirParent) {
  const std::string path = codesign::tests::fresh_study_path("study_children.db");
  const auto created = StudyStore::create(path, {});
  StudyStore& s = *created;
  const std::int64_t a = s.add(trial(1.0, true)), b = s.add(trial(2.0, true));
  Trial rtl = trial(1.1, true, "rtl");
  rtl.parent = a;
  s.add(rtl);
  rtl.parent = b;
  const std::int64_t of_b = s.add(rtl);
  const auto children = s.children(b);
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].id, of_b);
  EXPECT_EQ(children[0].params, rtl.params);
  EXPECT_TRUE(s.children(of_b).empty());
}

TEST(StudyStore, TheBestDesignIsTheBestRtlConfirmedOne) {
  const std::string path = codesign::tests::fresh_study_path("best_design.db");
  const auto created = StudyStore::create(path, {});
  StudyStore& s = *created;
  const auto a = s.add(trial(1.0, true));  // the model's best...
  const auto b = s.add(trial(2.0, true));
  EXPECT_EQ(s.best_design()->id, a);  // nothing confirmed: the model's best
  Trial ra = trial(3.0, true, "rtl"), rb = trial(1.5, true, "rtl");
  ra.parent = a;
  rb.parent = b;
  s.add(ra);
  s.add(rb);
  EXPECT_EQ(s.best_design()->id, b);  // ...is worse than b on the RTL
}

TEST(StudyStore, ACorruptTrialIsAClearError) {
  const std::string path = codesign::tests::fresh_study_path("study_corrupt.db");
  StudyStore::create(path, {})->add(trial(1.0, true));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE trials SET result = x'789c00'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  try {
    StudyStore(path, Access::kRead).trials();
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": trial 1: result: corrupt compressed JSON");
  }
}

TEST(StudyStore, AFileOfAnotherSchemaIsAClearError) {
  for (const int version : {0, 1, 99}) {  // older layouts, or one this build does not know
    const std::string path = codesign::tests::fresh_study_path("study_foreign.db");
    foreign_file(path, version);
    const std::string before = bytes_of(path);
    for (const Access access : {Access::kRead, Access::kWrite}) {
      try {
        StudyStore s(path, access);
        FAIL() << "expected an error for schema version " << version;
      } catch (const codesign::util::ConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path + ": not a study this codesign can read (schema version " +
                            std::to_string(version)),
                  std::string::npos)
            << what;
      }
    }
    // Refused before SQLite opened it: not switched to WAL, nothing written beside it.
    EXPECT_EQ(bytes_of(path), before);
    for (const char* ext : {"-wal", "-shm", "-lock"})
      EXPECT_FALSE(std::filesystem::exists(path + ext)) << ext;
  }
}

TEST(StudyStore, WhatIsNotAStudyIsNamedAndLeftUntouched) {
  const std::string dir = ::testing::TempDir() + "/not_studies";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/a_directory");
  std::ofstream(dir + "/empty.db").close();
  std::ofstream(dir + "/text.db") << "name,edp\nx,1\n";
  const std::pair<std::string, std::string> cases[] = {
      {dir + "/a_directory", "is a directory, not a study file"},
      {dir + "/empty.db", "is an empty file, not a study"},
      {dir + "/text.db", "is not a study (not an SQLite database"},
      {dir + "/missing.db", "no study there"},
  };
  for (const auto& [path, message] : cases)
    for (const Access access : {Access::kRead, Access::kWrite}) {
      try {
        StudyStore s(path, access);
        ADD_FAILURE() << path << " opened";
      } catch (const codesign::util::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(path + ": " + message), std::string::npos) << e.what();
      }
    }
  EXPECT_EQ(bytes_of(dir + "/empty.db"), "");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 3);  // nothing added
}

TEST(StudyStore, ASecondWriterIsRefusedWithTheFirstOnesPid) {
  const std::string path = codesign::tests::fresh_study_path("study_writers.db");
  {
    const auto writer = StudyStore::create(path, {});
    writer->add(trial(1.0, true));
    try {
      StudyStore second(path, Access::kWrite);
      FAIL() << "a second writer was let in";
    } catch (const codesign::util::ConfigError& e) {
      EXPECT_NE(
          std::string(e.what()).find(path + ": study in use by pid " + std::to_string(::getpid())),
          std::string::npos)
          << e.what();
    }
    // Readers are welcome while it writes.
    EXPECT_EQ(StudyStore(path, Access::kRead).count(), 1);
    EXPECT_THROW(StudyStore(path, Access::kRead).add(trial(2.0, true)), std::logic_error);
  }
  EXPECT_FALSE(std::filesystem::exists(path + "-lock"));
  StudyStore(path, Access::kWrite).add(trial(2.0, true));
  EXPECT_EQ(StudyStore(path, Access::kRead).count(), 2);
}

TEST(StudyStore, ACreationThatFailsLeavesNoFile) {
  const std::string path = codesign::tests::fresh_study_path("study_full.db");
  // A disk that fills up: the child may write at most 8 KiB per file.
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit small{8192, 8192};
    ::setrlimit(RLIMIT_FSIZE, &small);
    try {
      StudyStore::create(path, {{"identity", std::string(100000, 'x')}});
    } catch (const codesign::util::ConfigError&) {
      ::_exit(0);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the creation did not fail with a ConfigError";
  const std::string dir = std::filesystem::path(path).parent_path().string();
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename().string().rfind("study_full.db", 0), std::string::npos)
        << entry.path();
  // Nothing to refuse a new creation, which never replaces an existing study.
  const auto created = StudyStore::create(path, {});
  EXPECT_THROW(StudyStore::create(path, {}), codesign::util::ConfigError);
}

TEST(StudyStore, ADamagedPageIsFoundOnOpening) {
  const std::string path = codesign::tests::fresh_study_path("study_damaged.db");
  {
    const auto s = StudyStore::create(path, {});
    Trial big = trial(1.0, true);
    for (int i = 0; i < 400; ++i)
      big.params["layers"].push_back({{"k", i}, {"name", "x" + std::to_string(i * 7919)}});
    for (int i = 0; i < 50; ++i) s->add(big);
  }
  std::string data = bytes_of(path);
  ASSERT_GT(data.size(), 16u * 4096);
  // Garbage over a page in the middle, where listings of the summary columns never look.
  for (std::size_t i = 8 * 4096; i < 9 * 4096; ++i) data[i] = static_cast<char>(i * 131);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  try {
    StudyStore s(path, Access::kRead);
    FAIL() << "a damaged study opened";
  } catch (const codesign::util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": the study is damaged"), std::string::npos)
        << e.what();
  }
}
