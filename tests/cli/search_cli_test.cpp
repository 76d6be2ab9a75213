// `codesign search` end to end: a search with RTL confirmation, a killed-and-resumed study
// that continues exactly as an uninterrupted one, and bad inputs that write nothing.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli_fixture.hpp"
#include "store/study_store.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::store::StudyStore;
using nlohmann::json;
using Access = codesign::store::StudyStore::Access;

class SearchCli : public codesign::tests::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    workload_ = write("workload.json", tiny_workload());
    space_ = write("space.json", tiny_space());
  }

  std::vector<std::string> args(const std::string& study, int budget, int confirm,
                                int mapper_budget = 40, int workers = 2) {
    return {CODESIGN_EXE,      "search",
            "--workload",      workload_,
            "--space",         space_,
            "--study",         study,
            "--budget",        std::to_string(budget),
            "--seed",          "3",
            "--warmup",        "4",
            "--mapper-budget", std::to_string(mapper_budget),
            "--confirm",       std::to_string(confirm),
            "--workers",       std::to_string(workers)};
  }

  // The proposals in the order the optimiser made them (batch, then slot): workers store
  // a batch's trials in the order they finish.
  static std::vector<std::string> hw_sequence(const std::string& study) {
    std::map<std::pair<int, int>, std::string> ordered;
    for (const auto& t : StudyStore(study, Access::kRead).trials())
      if (t.fidelity == "model")
        ordered[{t.params["proposal"]["batch"].get<int>(),
                 t.params["proposal"]["slot"].get<int>()}] = t.params["hw"].dump();
    std::vector<std::string> out;
    for (const auto& [key, hw] : ordered) out.push_back(hw);
    return out;
  }

  std::string workload_, space_;
};

TEST_F(SearchCli, FindsADesignAndConfirmsItOnTheRtl) {
  const std::string study = (dir_ / "s.db").string();
  const auto [code, out] = run(args(study, 8, 1));
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("RTL-confirmed EDP"), std::string::npos) << out;
  const StudyStore s(study, Access::kRead);
  EXPECT_EQ(s.count(), 9);  // 8 model trials and one RTL confirmation
  const auto rtl = s.best("rtl");
  ASSERT_TRUE(rtl.has_value());
  EXPECT_EQ(rtl->parent, s.best("model")->id);
  EXPECT_GT(rtl->result["edp_js"].get<double>(), 0);
  for (const auto& t : s.trials())
    if (t.fidelity == "model") {
      EXPECT_LE(t.params["hw"]["input_buffer"]["bytes"].get<int>() +
                    t.params["hw"]["weight_buffer"]["bytes"].get<int>() +
                    t.params["hw"]["accumulator_buffer"]["bytes"].get<int>(),
                8 * 1024);
    }
}

TEST_F(SearchCli, ExportsTheBestDesignAndReproducesItsRtlMetrics) {
  const std::string study = (dir_ / "s.db").string(), out = (dir_ / "export").string();
  ASSERT_EQ(run(args(study, 6, 1)).exit_code, 0);
  const auto [code, text] = run({CODESIGN_EXE, "export", "--study", study, "--out", out});
  ASSERT_EQ(code, 0) << text;
  EXPECT_NE(text.find("re-simulated EDP equals the recorded RTL EDP"), std::string::npos) << text;
  std::ifstream in(out + "/manifest.json");
  const json m = json::parse(in);
  EXPECT_EQ(m["verification"]["reproduced"], true);
  EXPECT_EQ(m["trial"], StudyStore(study, Access::kRead).best("model")->id);
  EXPECT_FALSE(m["git_revision"].get<std::string>().empty());
  EXPECT_EQ(m["layers"].size(), 2u);
  for (const auto& f : m["files"]) EXPECT_TRUE(fs::exists(out + "/" + f.get<std::string>())) << f;
  // The exported configuration instantiates cleanly: lint it as a user's tool would.
  const auto lint = run({VERILATOR_EXE, "--lint-only", "-Wall", "--top-module", "codesign_accel",
                         "-f", out + "/rtl/files.f", "-y", out + "/rtl"});
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
  // A second export into the same directory, or of a missing trial, is refused.
  EXPECT_EQ(run({CODESIGN_EXE, "export", "--study", study, "--out", out}).exit_code, 2);
  const auto missing =
      run({CODESIGN_EXE, "export", "--study", study, "--trial", "999", "--out", out + "2"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("no trial 999"), std::string::npos) << missing.output;
  EXPECT_FALSE(fs::exists(out + "2"));
}

TEST_F(SearchCli, ReportsTheStudyWithEveryPlotAndItsNumbers) {
  const std::string study = (dir_ / "s.db").string(), html = (dir_ / "r.html").string();
  ASSERT_EQ(run(args(study, 7, 1)).exit_code, 0);
  const auto [code, text] = run({CODESIGN_EXE, "report", "--study", study, "--out", html});
  ASSERT_EQ(code, 0) << text;
  std::ifstream in(html);
  std::stringstream page;
  page << in.rdbuf();
  const std::string h = page.str();
  for (const char* id : {"summary", "best-edp-plot", "pareto-plot", "layer-plot", "component-plot",
                         "fidelity", "trials"}) {
    const auto at = h.find("<section id=\"" + std::string(id) + "\"");
    EXPECT_NE(at, std::string::npos) << id;
    if (std::string(id).find("plot") != std::string::npos) {
      EXPECT_NE(h.find("<svg", at), std::string::npos) << id;
    }
  }
  EXPECT_EQ(h.find("<script"), std::string::npos);  // self-contained, nothing to run
  const StudyStore s(study, Access::kRead);
  char best[32];
  std::snprintf(best, sizeof best, "%.4g J·s", s.best_design()->objective);
  EXPECT_NE(h.find("id=\"best-edp\">" + std::string(best)), std::string::npos) << best;
  EXPECT_NE(h.find("id=\"trial-count\">7 ("), std::string::npos);
  EXPECT_NE(h.find("id=\"rtl-edp\">"), std::string::npos);
  // One CSV row per trial (7 model trials and the RTL confirmation), JSON likewise.
  std::ifstream csv((dir_ / "r.trials.csv").string());
  int lines = 0;
  for (std::string l; std::getline(csv, l);) ++lines;
  EXPECT_EQ(lines, 1 + 8);
  std::ifstream js((dir_ / "r.trials.json").string());
  EXPECT_EQ(json::parse(js)["trials"].size(), 8u);
}

TEST_F(SearchCli, AKilledStudyResumesWithTheSameContinuation) {
  const std::string whole = (dir_ / "whole.db").string(), cut = (dir_ / "cut.db").string();
  // Enough mapping work per trial that the kill lands mid-study.
  ASSERT_EQ(run(args(whole, 12, 0, 4000)).exit_code, 0);
  // Kill -9 a second run somewhere in the middle, then resume it.
  const pid_t pid = ::fork();
  if (pid == 0) {
    auto a = args(cut, 12, 0, 4000);
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (fs::exists(cut) && StudyStore(cut, Access::kRead).count() >= 4) break;
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  const auto before = hw_sequence(cut);
  ASSERT_GE(before.size(), 1u);
  ASSERT_LT(before.size(), 12u) << "the run finished before it was killed";
  auto resume = args(cut, 12, 0, 4000);
  resume.push_back("--resume");
  const auto [code, out] = run(resume);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(hw_sequence(cut), hw_sequence(whole));
  EXPECT_EQ(hw_sequence(whole).size(), 12u);
}

TEST_F(SearchCli, ABatchCutShortIsCompletedOnResume) {
  const std::string whole = (dir_ / "whole.db").string(), cut = (dir_ / "cut.db").string();
  ASSERT_EQ(run(args(whole, 8, 0)).exit_code, 0);
  // A kill between the two workers' answers: the last batch has only its second slot.
  {
    const StudyStore from(whole, Access::kRead);
    const auto to = StudyStore::create(cut, {{"identity", *from.meta("identity")}});
    for (const auto& t : from.trials())
      if (t.params["proposal"]["batch"] != 3 || t.params["proposal"]["slot"] != 0) to->add(t);
    ASSERT_EQ(to->count(), 7);
  }
  auto resume = args(cut, 8, 0);
  resume.push_back("--resume");
  const auto [code, out] = run(resume);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(hw_sequence(cut), hw_sequence(whole));
  EXPECT_EQ(StudyStore(cut, Access::kRead).count(), 8);
}

TEST_F(SearchCli, AHungEvaluationIsAFailedTrialAndTheStudyGoesOn) {
  const std::string study = (dir_ / "hung.db").string();
  // A million mappings per layer take seconds; the time limit kills each worker at 0.3 s.
  auto a = args(study, 3, 1, 1000000);
  a.insert(a.end(), {"--trial-timeout", "0.3"});
  const auto [code, out] = run(a);
  EXPECT_EQ(code, 1) << out;  // no feasible design, said plainly
  EXPECT_NE(out.find("no feasible design in 3 trials"), std::string::npos) << out;
  const auto trials = StudyStore(study, Access::kRead).trials();
  ASSERT_EQ(trials.size(), 3u);
  for (const auto& t : trials) {
    EXPECT_EQ(t.status, "timeout");
    EXPECT_NE(t.reason.find("time limit of 0.3 s"), std::string::npos) << t.reason;
    EXPECT_TRUE(t.params["hw"].contains("rows"));
  }
}

TEST_F(SearchCli, ConfirmsTheBestDistinctDesignsAndExportsTheRtlBest) {
  const std::string study = (dir_ / "top.db").string(), out = (dir_ / "export").string();
  const auto [code, text] = run(args(study, 8, 2, 40, 1));
  ASSERT_EQ(code, 0) << text;
  const StudyStore s(study, Access::kRead);
  std::vector<codesign::store::Trial> rtl;
  for (const auto& t : s.trials())
    if (t.fidelity == "rtl") rtl.push_back(t);
  ASSERT_EQ(rtl.size(), 2u);
  EXPECT_NE(rtl[0].parent, rtl[1].parent);
  EXPECT_NE(s.get(rtl[0].parent)->params["hw"], s.get(rtl[1].parent)->params["hw"]);
  ASSERT_EQ(run({CODESIGN_EXE, "export", "--study", study, "--out", out}).exit_code, 0);
  std::ifstream manifest(out + "/manifest.json");
  EXPECT_EQ(json::parse(manifest)["trial"].get<std::int64_t>(), s.best("rtl")->parent);
}

TEST_F(SearchCli, PricesLeakageFromEveryDesignsAreaAndTheExportReproducesIt) {
  // One logic variant (8-bit, weight-stationary) and two designs keep synthesis short (Yosys
  // takes 30-60 s per design's accelerator logic).
  json ws_only = tiny_space();
  ws_only["dataflows"] = {"ws"};
  const std::string study = (dir_ / "area.db").string();
  auto a = args(study, 2, 1);
  a[5] = write("ws.json", ws_only);
  a.push_back("--leakage");  // implies --area
  const auto [code, out] = run(a);
  ASSERT_EQ(code, 0) << out;
  const StudyStore s(study, Access::kRead);
  ASSERT_GE(s.summaries().size(), 2u) << out;
  for (const auto& t : s.summaries()) {
    EXPECT_GT(t.area_mm2, 0.01) << t.id;
    EXPECT_LT(t.area_mm2, 1.0) << t.id;  // 4x4 PEs at most, 8 KiB on chip, in 45 nm
  }
  const auto rtl = s.best("rtl");
  ASSERT_TRUE(rtl.has_value()) << out;
  for (const auto& l : rtl->result["layers"])
    EXPECT_GT(l["metrics"]["energy_by_component_pj"]["leakage"].get<double>(), 0) << l.dump();
  // The export re-simulates with the same leakage and reproduces the recorded RTL EDP.
  const auto exported =
      run({CODESIGN_EXE, "export", "--study", study, "--out", (dir_ / "export").string()});
  EXPECT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_NE(exported.output.find("re-simulated EDP equals the recorded RTL EDP"), std::string::npos)
      << exported.output;

  const std::string html = (dir_ / "area.html").string();
  ASSERT_EQ(run({CODESIGN_EXE, "report", "--study", study, "--out", html}).exit_code, 0);
  std::ifstream in(html);
  std::stringstream page;
  page << in.rdbuf();
  const std::string h = page.str();
  const auto table = h.find("id=\"pareto-table\"");
  ASSERT_NE(table, std::string::npos);
  EXPECT_EQ(h.substr(table, h.find("</table>", table) - table).find("—"), std::string::npos)
      << "a Pareto design without its area";
}

TEST_F(SearchCli, BadInputsFailCleanlyAndWriteNoStudy) {
  const std::string study = (dir_ / "bad.db").string();
  json over = tiny_space();
  over["budgets"]["onchip_kib"] = 1;  // three buffers of at least 1 KiB cannot fit
  json unknown = tiny_space();
  unknown["rowz"] = 1;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {write("over.json", over).c_str(),
       "over.json: budgets.onchip_kib: below the smallest buffers"},
      {write("unknown.json", unknown).c_str(), "unknown.json: rowz: unknown key"},
  };
  for (const auto& [file, message] : cases) {
    auto a = args(study, 3, 0);
    a[5] = file;
    const auto [code, out] = run(a);
    EXPECT_EQ(code, 2) << out;
    EXPECT_NE(out.find(message), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(study));
  }
  auto resume = args(study, 3, 0);
  resume.push_back("--resume");
  const auto [code, out] = run(resume);
  EXPECT_EQ(code, 2);
  EXPECT_NE(out.find("no study to resume"), std::string::npos) << out;
}

}  // namespace

TEST_F(SearchCli, AStudyOfAnotherSchemaIsRefusedWithAClearMessage) {
  // A study as an earlier codesign wrote it: JSON columns, no schema version.
  const std::string study = (dir_ / "old.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(study.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE trials (id INTEGER PRIMARY KEY, params TEXT)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto resume = args(study, 3, 0);
  resume.push_back("--resume");
  for (const auto& a : {resume, std::vector<std::string>{CODESIGN_EXE, "report", "--study", study,
                                                         "--out", (dir_ / "r.html").string()}}) {
    const auto [code, out] = run(a);
    EXPECT_EQ(code, 2) << out;
    EXPECT_NE(out.find(study + ": not a study this codesign can read (schema version 0"),
              std::string::npos)
        << out;
  }
  EXPECT_FALSE(fs::exists(dir_ / "r.html"));
}
