// The RTL flow's processes and files end to end: an interrupted or killed simulate leaves no
// simulator and no temporary directory, --timeout bounds the whole command and marks only
// the layer that was running, a held build lock is waited for with a message and a bound,
// a damaged cache entry is rebuilt, and a failed RTL confirmation fails the search.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "arch/hw_config.hpp"
#include "cli_fixture.hpp"
#include "store/study_store.hpp"
#include "systemc/build_cache.hpp"
#include "tests/crashing_simulator.hpp"
#include "util/file_lock.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::store::StudyStore;
using nlohmann::json;
using Access = StudyStore::Access;

class RtlProcessCli : public codesign::tests::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    hw_ = write("hw.json", hw_json(4, 4));
    // A small layer, a large one (seconds on a 4x4 array) and another small one.
    workload_ = write("w.json", {{"name", "mixed"},
                                 {"layers",
                                  {{{"name", "small"}, {"type", "fc"}, {"in", 32}, {"out", 8}},
                                   {{"name", "large"},
                                    {"type", "matmul"},
                                    {"m", 192},
                                    {"k", 192},
                                    {"n", 192},
                                    {"batch", 4}},
                                   {{"name", "last"}, {"type", "fc"}, {"in", 16}, {"out", 8}}}}});
  }

  static json hw_json(int rows, int cols) {
    return {{"name", "cli-rtl"},
            {"rows", rows},
            {"cols", cols},
            {"input_buffer", {{"bytes", 2048}, {"banks", 2}}},
            {"weight_buffer", {{"bytes", 2048}, {"banks", 2}}},
            {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
  }

  std::vector<std::string> simulate(const std::string& layers,
                                    std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"simulate", "--hw",     hw_,    "--workload",
                                  workload_,  "--layers", layers, "--mapper-budget",
                                  "50"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // Runs codesign in the background like start(), and waits for it.
  codesign::tests::Outcome run_marked(const std::vector<std::string>& args, double timeout_s) {
    const std::string log = (dir_ / "marked.log").string();
    const int code = wait_exit(start(args, log), timeout_s);
    return {code, read(log)};
  }

  // The temporary directories of RTL runs under this test's TMPDIR.
  std::vector<std::string> rtl_temp_dirs() {
    std::vector<std::string> out;
    if (!fs::exists(tmp_dir())) return out;
    for (const auto& e : fs::directory_iterator(tmp_dir()))
      if (e.path().filename().string().rfind("codesign-rtl-", 0) == 0)
        out.push_back(e.path().string());
    return out;
  }

  // Whether a marked process is a simulator (its command line names a job file).
  bool simulator_running() {
    for (const pid_t pid : marked_processes())
      if (read("/proc/" + std::to_string(pid) + "/cmdline").find("--job") != std::string::npos)
        return true;
    return false;
  }

  std::string cache_entry(const std::string& root, const std::string& hw_file) {
    return codesign::systemc::BuildCache(root).directory(
        codesign::arch::load_hw_config(hw_file).build, {});
  }

  // Replaces an entry's simulator by a program that crashes, with a matching checksum.
  std::string hw_, workload_;
};

TEST_F(RtlProcessCli, AnInterruptedSimulationLeavesNoSimulatorAndNoTemporaryDirectory) {
  ASSERT_EQ(run_marked(simulate("small"), 600).exit_code, 0);  // the simulator is built
  for (const int signal : {SIGINT, SIGTERM, SIGKILL}) {
    const pid_t pid =
        start(simulate("large", {"--stall-probability", "0.5"}), (dir_ / "sim.log").string());
    for (int i = 0; i < 3000 && !simulator_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(simulator_running()) << read((dir_ / "sim.log").string());
    ASSERT_EQ(::kill(pid, signal), 0);
    EXPECT_EQ(wait_exit(pid, 30), 128 + signal) << read((dir_ / "sim.log").string());
    EXPECT_TRUE(survivors(5).empty()) << "signal " << signal;
    if (signal != SIGKILL) {
      EXPECT_TRUE(rtl_temp_dirs().empty()) << "signal " << signal;
    } else {
      // Nobody could clean up after kill -9: the next RTL run does.
      ASSERT_EQ(run_marked(simulate("small"), 600).exit_code, 0);
      EXPECT_TRUE(rtl_temp_dirs().empty());
    }
  }
}

TEST_F(RtlProcessCli, TheTimeoutBoundsTheCommandAndMarksOnlyTheRunningLayer) {
  ASSERT_EQ(run_marked(simulate("small"), 600).exit_code, 0);  // the simulator is built
  const std::string out = (dir_ / "out.json").string();
  const auto t0 = std::chrono::steady_clock::now();
  const auto o = run_marked(
      simulate("small,large,last", {"--stall-probability", "0.5", "--timeout", "4", "--out", out}),
      120);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_LT(took, 4 + 3) << o.output;  // the limit, and starting and ending the process
  const json report = json::parse(read(out));
  EXPECT_EQ(report["layers"][0]["status"], "ok");
  EXPECT_EQ(report["layers"][1]["status"], "timeout");
  EXPECT_NE(report["layers"][1]["reason"].get<std::string>().find("killed at the time limit"),
            std::string::npos);
  EXPECT_EQ(report["layers"][2]["status"], "not_run");
  EXPECT_TRUE(rtl_temp_dirs().empty());
}

TEST_F(RtlProcessCli, AHeldBuildLockIsWaitedForWithAMessageAndABound) {
  const std::string cache = (dir_ / "cache").string();
  fs::create_directories(cache);
  const std::string entry = cache_entry(cache, hw_);
  const codesign::util::FileLock held(entry + ".lock");  // "another process" building it
  const auto t0 = std::chrono::steady_clock::now();
  const auto o = run_marked(simulate("small", {"--cache", cache, "--timeout", "2"}), 60);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_LT(took, 2 + 3);
  EXPECT_NE(o.output.find("waiting for the build of"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("not_run: the time limit was reached while waiting for another process "
                          "to build"),
            std::string::npos)
      << o.output;
  EXPECT_FALSE(fs::exists(entry));
}

TEST_F(RtlProcessCli, ADamagedCachedSimulatorIsRebuiltSayingSo) {
  const std::string cache = (dir_ / "cache").string();
  const auto sim = simulate("small", {"--cache", cache});
  ASSERT_EQ(run_marked(sim, 600).exit_code, 0);
  const std::string entry = cache_entry(cache, hw_);
  ASSERT_TRUE(fs::exists(entry + "/sim"));
  const auto truncate = [&] { fs::resize_file(entry + "/sim", fs::file_size(entry + "/sim") / 2); };
  const auto not_executable = [&] { fs::permissions(entry + "/sim", fs::perms::owner_read); };
  const std::vector<std::pair<std::function<void()>, std::string>> damages = {
      {truncate, "does not match the checksum"}, {not_executable, "is not executable"}};
  for (const auto& [damage, said] : damages) {
    damage();
    const auto o = run_marked(sim, 600);
    EXPECT_EQ(o.exit_code, 0) << o.output;
    EXPECT_NE(o.output.find("the cached simulator " + entry + " is damaged"), std::string::npos)
        << o.output;
    EXPECT_NE(o.output.find(said), std::string::npos) << o.output;
    EXPECT_NE(o.output.find("rebuilding it"), std::string::npos) << o.output;
  }
  // A simulator that crashes although intact: the message names it and says what to do.
  codesign::tests::plant_crashing_simulator(entry);
  const auto crashed = run_marked(sim, 600);
  EXPECT_EQ(crashed.exit_code, 1) << crashed.output;
  EXPECT_NE(crashed.output.find("simulator " + entry + "/sim died with signal 11"),
            std::string::npos)
      << crashed.output;
  EXPECT_NE(crashed.output.find("remove " + entry + " so that it is rebuilt"), std::string::npos)
      << crashed.output;
}

TEST_F(RtlProcessCli, AReadOnlyCacheOfBuiltSimulatorsIsUsableAndAnUnusableOneIsBadInput) {
  const std::string cache = (dir_ / "cache").string();
  ASSERT_EQ(run_marked(simulate("small", {"--cache", cache}), 600).exit_code, 0);
  for (const auto& e : fs::directory_iterator(cache))
    if (e.path().extension() == ".lock") fs::remove(e.path());
  fs::permissions(cache, fs::perms::owner_read | fs::perms::owner_exec);
  std::size_t before = std::distance(fs::directory_iterator(cache), {});
  const auto o = run_marked(simulate("small", {"--cache", cache}), 600);
  EXPECT_EQ(o.exit_code, 0) << o.output;
  // Nothing written there (root could have): a read-only cache serves its simulators.
  EXPECT_EQ(static_cast<std::size_t>(std::distance(fs::directory_iterator(cache), {})), before);
  fs::permissions(cache, fs::perms::owner_all);

  const auto unusable = run_marked(simulate("small", {"--cache", "/proc/codesign-cache"}), 60);
  EXPECT_EQ(unusable.exit_code, 2) << unusable.output;
  EXPECT_NE(unusable.output.find("/proc/codesign-cache: the simulator cache cannot be created"),
            std::string::npos)
      << unusable.output;
  const std::string file = write("not-a-dir", json::object());
  const auto not_dir = run_marked(simulate("small", {"--cache", file}), 60);
  EXPECT_EQ(not_dir.exit_code, 2) << not_dir.output;
  EXPECT_NE(not_dir.output.find(file + ": the simulator cache"), std::string::npos)
      << not_dir.output;
}

TEST_F(RtlProcessCli, ASearchWhoseRtlConfirmationFailsExitsWithOne) {
  const std::string space = write("space.json", tiny_space());
  const std::string small = write(
      "small.json",
      {{"name", "small"}, {"layers", {{{"name", "fc"}, {"type", "fc"}, {"in", 32}, {"out", 8}}}}});
  const std::string study = (dir_ / "s.db").string(), cache = (dir_ / "cache").string();
  auto args =
      std::vector<std::string>{"search", "--workload",      small, "--space", space, "--study",
                               study,    "--budget",        "4",   "--seed",  "3",   "--workers",
                               "2",      "--mapper-budget", "30",  "--cache", cache, "--confirm"};
  args.push_back("0");
  ASSERT_EQ(run_marked(args, 300).exit_code, 0);
  // The best design's simulator crashes.
  const auto best = StudyStore(study, Access::kRead).best("model");
  ASSERT_TRUE(best.has_value());
  const std::string hw_file = write("best.json", best->params["hw"]);
  codesign::tests::plant_crashing_simulator(cache_entry(cache, hw_file));
  args.back() = "1";
  args.push_back("--resume");
  const auto o = run_marked(args, 300);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("died with signal 11"), std::string::npos) << o.output;
  const auto rtl = StudyStore(study, Access::kRead).children(best->id);
  ASSERT_EQ(rtl.size(), 1u);
  EXPECT_EQ(rtl[0].status, "simulation_failure");
}

}  // namespace
