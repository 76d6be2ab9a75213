// The command line's contract on bad input, with no RTL simulation (so that these also run
// under the sanitizers): the exit codes, numbers that are not numbers, outputs that would
// destroy an input or a special file, studies that are not studies, a second writer, and
// nothing written when a command fails.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_fixture.hpp"
#include "store/study_store.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::store::StudyStore;
using nlohmann::json;
using Access = StudyStore::Access;

class BadInputCli : public codesign::tests::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    hw_ = write("hw.json", small_hw());
    workload_ = write("w.json", tiny_workload());
    space_ = write("space.json", tiny_space());
  }

  std::vector<std::string> simulate(std::vector<std::string> extra) const {
    std::vector<std::string> a = {"simulate", "--hw",       hw_,    "--workload",
                                  workload_,  "--fidelity", "model"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // A model-only search (no RTL confirmation); `extra` options come last.
  std::vector<std::string> search(const std::string& study, int budget,
                                  std::vector<std::string> extra = {},
                                  const std::string& seed = "3",
                                  const std::string& mapper_budget = "30") const {
    std::vector<std::string> a = {"search",
                                  "--workload",
                                  workload_,
                                  "--space",
                                  space_,
                                  "--study",
                                  study,
                                  "--budget",
                                  std::to_string(budget),
                                  "--seed",
                                  seed,
                                  "--confirm",
                                  "0",
                                  "--workers",
                                  "2",
                                  "--mapper-budget",
                                  mapper_budget};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // A finished model-only study of `budget` trials.
  std::string study(const std::string& name, int budget = 4) {
    const std::string path = (dir_ / name).string();
    const auto o = codesign(search(path, budget));
    EXPECT_EQ(o.exit_code, 0) << o.output;
    return path;
  }

  void expect_bad_input(const std::vector<std::string>& args, const std::string& message) {
    const auto o = codesign(args);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find(message), std::string::npos)
        << "expected: " << message << "\ngot: " << o.output;
  }

  std::string hw_, workload_, space_;
};

TEST_F(BadInputCli, ArgumentsTheParserRejectsExitWithTwoAndHelpWithZero) {
  expect_bad_input({"simulate", "--hw", hw_, "--workload", workload_, "--frobnicate"},
                   "--frobnicate");
  expect_bad_input({"simulate", "--workload", workload_}, "--hw is required");
  expect_bad_input({"simulate", "--hw", (dir_ / "nope.json").string(), "--workload", workload_},
                   "nope.json");
  expect_bad_input(search((dir_ / "s.db").string(), 0), "--budget");
  expect_bad_input(search((dir_ / "s.db").string(), 3, {"--workers", "1000"}), "--workers");
  expect_bad_input(simulate({"--stall-probability", "0.99"}), "--stall-probability");
  expect_bad_input({"nonsense"}, "subcommand");
  expect_bad_input({}, "subcommand");
  EXPECT_EQ(codesign({"--help"}).exit_code, 0);
  EXPECT_EQ(codesign({"search", "--help"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(dir_ / "s.db"));
}

TEST_F(BadInputCli, NumbersThatAreNotFiniteAreRefused) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"--stall-probability", simulate({})},
      {"--timeout", simulate({})},
      {"--time-limit", search((dir_ / "s.db").string(), 3)},
      {"--trial-timeout", search((dir_ / "s.db").string(), 3)}};
  for (const auto& [option, command] : commands) {
    // NaN passes every range check: the check every floating-point option shares stops it.
    for (const char* nan : {"nan", "NaN", "-nan"}) {
      auto a = command;
      a.insert(a.end(), {option, nan});
      expect_bad_input(a, option + ": expected a finite number, got " + nan);
    }
    // Infinities, and numbers too large for a double, are out of every range.
    for (const char* inf : {"inf", "-inf", "1e999"}) {
      auto a = command;
      a.insert(a.end(), {option, inf});
      expect_bad_input(a, option + ": Value " + inf + " not in range");
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "s.db"));
}

TEST_F(BadInputCli, ANegativeSeedIsRefusedBeforeTheStudyExists) {
  const std::string path = (dir_ / "s.db").string();
  expect_bad_input(search(path, 2, {}, "-1"), "--seed: Value -1 not in range 0 to");
  EXPECT_FALSE(fs::exists(path));
  expect_bad_input(simulate({"--seed", "-1"}), "--seed");
  expect_bad_input(search(path, 2, {"--warmup", "-1"}), "--warmup: Value -1 not in range");
  expect_bad_input({"agreement", "--seed", "-1"},
                   "--seed: expected a non-negative integer, got -1");
  EXPECT_FALSE(fs::exists(path));
  // The corrected command then runs as a first one would.
  const auto o = codesign(search(path, 2));
  EXPECT_EQ(o.exit_code, 0) << o.output;
}

TEST_F(BadInputCli, AnOutputNeverReplacesAnInputOrAnotherOutput) {
  const std::string s = study("s.db");
  const std::string study_bytes = read(s), hw_bytes = read(hw_);
  const std::string out = (dir_ / "out.json").string();
  expect_bad_input({"report", "--study", s, "--out", s}, "is the input given by --study");
  // The report's CSV and JSON sit beside the page: they must not be the study either.
  fs::copy_file(s, dir_ / "r.trials.csv");
  expect_bad_input(
      {"report", "--study", (dir_ / "r.trials.csv").string(), "--out", (dir_ / "r.html").string()},
      "is the input given by --study");
  expect_bad_input(simulate({"--out", hw_}), "is the input given by --hw");
  expect_bad_input(simulate({"--csv", workload_}), "is the input given by --workload");
  expect_bad_input(simulate({"--out", out, "--csv", out}), "name the same file");
  // A link to an input is the input.
  fs::create_symlink(hw_, dir_ / "hw-link.json");
  expect_bad_input({"simulate", "--hw", (dir_ / "hw-link.json").string(), "--workload", workload_,
                    "--fidelity", "model", "--out", hw_},
                   "is the input given by --hw");
  // An input given as the study is not one.
  expect_bad_input(search(workload_, 2), workload_ + ": is not a study");
  expect_bad_input({"area", "--hw", hw_, "--json", hw_}, "is the input given by --hw");
  expect_bad_input({"export", "--study", s, "--out", s}, "not a directory");
  EXPECT_EQ(read(s), study_bytes);
  EXPECT_EQ(read(hw_), hw_bytes);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir_ / "r.html"));
}

TEST_F(BadInputCli, SpecialFilesAreNeverReplacedByAnOutput) {
  const std::string target = write("target.json", {{"keep", true}});
  fs::create_symlink(target, dir_ / "link.json");
  fs::create_directories(dir_ / "a_directory");
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0644), 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {(dir_ / "link.json").string(), "is a symbolic link"},
      {(dir_ / "a_directory").string(), "is a directory"},
      {(dir_ / "fifo").string(), "is a FIFO"},
  };
  for (const auto& [path, kind] : cases) {
    expect_bad_input(simulate({"--out", path}), path + " " + kind);
    expect_bad_input(simulate({"--csv", path}), path + " " + kind);
  }
  if (::geteuid() == 0) {  // a device node, which root could otherwise replace
    ASSERT_EQ(::mknod((dir_ / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
    expect_bad_input(simulate({"--out", (dir_ / "null").string()}), "is a device");
    EXPECT_EQ(fs::status(dir_ / "null").type(), fs::file_type::character);
  }
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.json"));
  EXPECT_EQ(json::parse(read(target)), json({{"keep", true}}));
  EXPECT_TRUE(fs::is_empty(dir_ / "a_directory"));
  EXPECT_EQ(fs::status(dir_ / "fifo").type(), fs::file_type::fifo);
}

TEST_F(BadInputCli, AnEmptyOutputPathIsRefused) {
  expect_bad_input(simulate({"--out", ""}), "--out: empty path");
  expect_bad_input(simulate({"--csv", ""}), "--csv: empty path");
  expect_bad_input({"area", "--hw", hw_, "--json", ""}, "--json: empty path");
  expect_bad_input({"report", "--study", (dir_ / "s.db").string(), "--out", ""},
                   "--out: empty path");
  expect_bad_input(search("", 2), "--study: empty path");
}

TEST_F(BadInputCli, AFailedCommandWritesNoOutput) {
  const std::string out = (dir_ / "a.json").string();
  // The CSV's directory is missing: found before anything runs.
  expect_bad_input(simulate({"--out", out, "--csv", (dir_ / "no" / "x.csv").string()}),
                   "does not exist");
  EXPECT_FALSE(fs::exists(out));
  // A CSV that cannot be created although its directory looks writable: found only when
  // writing, and then neither file is written.
  const auto o = codesign(simulate({"--out", out, "--csv", "/proc/codesign-test.csv"}));
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("/proc/codesign-test.csv: cannot write"), std::string::npos) << o.output;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(BadInputCli, WhatIsNotAStudyIsNamedAndNeverWrittenInto) {
  fs::create_directories(dir_ / "a_directory");
  const std::string empty = (dir_ / "empty.db").string(), text = (dir_ / "notes.txt").string();
  std::ofstream(empty).close();
  std::ofstream(text) << "not a study\n";
  // A foreign SQLite database in WAL mode: opening it with SQLite would leave files beside it.
  const std::string foreign = (dir_ / "foreign.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t (x); PRAGMA user_version=7",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const std::string foreign_bytes = read(foreign);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {(dir_ / "a_directory").string(), "is a directory, not a study file"},
      {empty, "is an empty file, not a study"},
      {text, "is not a study (not an SQLite database"},
      {foreign, "not a study this codesign can read (schema version 7"},
  };
  for (const auto& [path, message] : cases) {
    expect_bad_input(search(path, 2), path + ": " + message);
    expect_bad_input(search(path, 2, {"--resume"}), path + ": " + message);
    expect_bad_input({"report", "--study", path, "--out", (dir_ / "r.html").string()},
                     path + ": " + message);
    expect_bad_input({"export", "--study", path, "--out", (dir_ / "export").string()},
                     path + ": " + message);
  }
  EXPECT_EQ(read(empty), "");
  EXPECT_EQ(read(text), "not a study\n");
  EXPECT_EQ(read(foreign), foreign_bytes);
  for (const char* ext : {"-wal", "-shm", "-lock"}) EXPECT_FALSE(fs::exists(foreign + ext)) << ext;
  EXPECT_FALSE(fs::exists(dir_ / "r.html"));
  EXPECT_FALSE(fs::exists(dir_ / "export"));
}

TEST_F(BadInputCli, AnExistingStudyIsResumedOnlyWithItsOwnInputs) {
  const std::string s = study("s.db", 2);
  expect_bad_input(search(s, 4), "a study with 2 trials exists; pass --resume");
  expect_bad_input(search(s, 4, {"--resume"}, "4"),
                   "resumed with different inputs than the study was started with: "
                   "--seed (3 in the study, 4 now)");
  json w = json::parse(read(workload_));
  w["layers"][0]["h"] = 9;
  auto other_workload = search(s, 4, {"--resume", "--mapper-algorithm", "bo"});
  other_workload[2] = write("w2.json", w);
  expect_bad_input(other_workload,
                   "--workload (at /layers/0/h: 8 in the study, 9 now), "
                   "--mapper-algorithm (\"random\" in the study, \"bo\" now)");
  EXPECT_EQ(StudyStore(s, Access::kRead).count(), 2);
  // A study whose creation never recorded its inputs is not silently restarted.
  const std::string bare = (dir_ / "bare.db").string();
  StudyStore::create(bare, {});
  expect_bad_input(search(bare, 2, {"--resume"}), "has no search settings");
  EXPECT_EQ(StudyStore(bare, Access::kRead).count(), 0);
}

TEST_F(BadInputCli, ADamagedStudyIsFound) {
  const std::string s = study("s.db", 6);
  std::string bytes = read(s);
  ASSERT_GT(bytes.size(), 4u * 4096);
  for (std::size_t i = 2 * 4096; i < 3 * 4096; ++i) bytes[i] = static_cast<char>(i * 131);
  std::ofstream(s, std::ios::binary | std::ios::trunc) << bytes;
  expect_bad_input({"report", "--study", s, "--out", (dir_ / "r.html").string()},
                   s + ": the study is damaged");
  expect_bad_input(search(s, 8, {"--resume"}), s + ": the study is damaged");
  EXPECT_FALSE(fs::exists(dir_ / "r.html"));
}

TEST_F(BadInputCli, ASecondWriterIsRefusedWhileTheFirstRuns) {
  const std::string s = (dir_ / "s.db").string();
  // A long search: many trials, each with a large mapping search.
  const auto args = search(s, 400, {}, "3", "20000");
  const pid_t first = start(args, (dir_ / "first.log").string());
  for (int i = 0; i < 500 && !(fs::exists(s) && fs::exists(s + "-lock")); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(fs::exists(s)) << read((dir_ / "first.log").string());
  auto second = args;
  second.push_back("--resume");
  expect_bad_input(second, s + ": study in use by pid " + std::to_string(first));
  // Ctrl-C: 130, the trials kept, no worker left behind, the study free again.
  ASSERT_EQ(::kill(first, SIGINT), 0);
  EXPECT_EQ(wait_exit(first, 30), 130) << read((dir_ / "first.log").string());
  EXPECT_NE(read((dir_ / "first.log").string()).find("--resume continues the study"),
            std::string::npos);
  EXPECT_TRUE(survivors(5).empty());
  EXPECT_FALSE(fs::exists(s + "-lock"));
  EXPECT_NO_THROW(StudyStore(s, Access::kWrite));
}

TEST_F(BadInputCli, AKilledSearchLeavesNoWorkerRunning) {
  const std::string s = (dir_ / "s.db").string();
  const auto args = search(s, 400, {}, "3", "20000");  // workers busy for a while
  for (const int signal : {SIGTERM, SIGKILL}) {
    fs::remove(s);
    fs::remove_all(s + ".jobs");
    const pid_t pid = start(args, (dir_ / "search.log").string());
    // Wait for its workers.
    for (int i = 0; i < 500 && marked_processes().size() < 3; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_GE(marked_processes().size(), 3u) << read((dir_ / "search.log").string());
    ASSERT_EQ(::kill(pid, signal), 0);
    EXPECT_EQ(wait_exit(pid, 30), 128 + signal);
    EXPECT_TRUE(survivors(5).empty()) << "signal " << signal;
  }
}

TEST_F(BadInputCli, TheTimeLimitBoundsTheWholeSearch) {
  const std::string s = (dir_ / "s.db").string();
  const auto t0 = std::chrono::steady_clock::now();
  const auto o = codesign(search(s, 400, {"--time-limit", "3"}, "3", "20000"));
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(took, 3 + 3) << o.output;  // workers are stopped at the limit, not waited for
  EXPECT_NE(o.output.find("time limit reached; --resume continues the study"), std::string::npos)
      << o.output;
  const auto kept = StudyStore(s, Access::kRead).count();
  EXPECT_LT(kept, 400);
  EXPECT_EQ(o.exit_code, kept > 0 ? 0 : 1) << o.output;  // 1: no feasible design yet
}

}  // namespace
