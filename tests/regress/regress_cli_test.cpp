// `codesign regress` end to end on the RTL: baselines created, a rerun that passes, the drift
// a changed energy table, a changed RTL parameter and a changed mapping each cause, a broken
// simulator that is an error while the other cases still run, a history and its page over
// several runs, an exported design's case, and bad suites refused. Tiny arrays and layers
// keep each simulator build to seconds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "arch/hw_config.hpp"
#include "regress/history.hpp"
#include "systemc/build_cache.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/crashing_simulator.hpp"
#include "tests/regress/regress_fixtures.hpp"
#include "util/text_file.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::tests::Outcome;
using codesign::tests::tiny_hw;
using nlohmann::json;

// A testcase of a JUnit file as a CI server reads it.
struct TestCase {
  std::string classname, suite;
  std::string problem;  // "", "failure" or "error"
  std::string type, message, out;
};

std::map<std::string, TestCase> read_junit(const std::string& file) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_file(file.c_str());
  EXPECT_TRUE(r) << file << ": " << r.description();
  std::map<std::string, TestCase> cases;
  for (const pugi::xml_node s : doc.child("testsuites").children("testsuite"))
    for (const pugi::xml_node c : s.children("testcase")) {
      TestCase t;
      t.classname = c.attribute("classname").value();
      t.suite = s.attribute("name").value();
      for (const char* kind : {"failure", "error"})
        if (const pugi::xml_node p = c.child(kind)) {
          t.problem = kind;
          t.type = p.attribute("type").value();
          t.message = p.attribute("message").value();
        }
      t.out = c.child("system-out").text().get();
      EXPECT_TRUE(cases.emplace(c.attribute("name").value(), t).second) << "duplicate name";
    }
  return cases;
}

json read_json(const std::string& file) {
  std::ifstream in(file);
  return json::parse(in);
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

class RegressCli : public codesign::tests::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    baselines_ = path("baselines.json");
  }

  static json workload() {
    return {{"name", "tiny"},
            {"layers",
             {{{"name", "conv"},
               {"type", "conv2d"},
               {"c", 3},
               {"h", 5},
               {"w", 5},
               {"k", 4},
               {"r", 3},
               {"s", 3},
               {"padding", 1}},
              {{"name", "fc"}, {"type", "fc"}, {"in", 12}, {"out", 6}, {"repeat", 2}}}}};
  }

  // Runs `codesign regress` on the suite with these extra arguments.
  Outcome regress(const std::string& suite, std::vector<std::string> extra) {
    std::vector<std::string> args = {"regress",  "--suite", suite, "--baselines",
                                     baselines_, "--jobs",  "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return codesign(args);
  }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string baselines_;
};

TEST_F(RegressCli, BaselinesRerunAndTheDriftOfEnergyRtlParameterAndMapping) {
  // The model's best mappings, as a mapping file for one case.
  const std::string w = write("w.json", workload());
  const std::string hw = write("hw.json", tiny_hw("tiny-4x4"));
  ASSERT_EQ(codesign({"simulate", "--hw", hw, "--workload", w, "--fidelity", "model", "--out",
                      path("model.json")})
                .exit_code,
            0);
  const json model = read_json(path("model.json"));
  json mappings = {{"layers", json::object()}};
  for (const auto& l : model["layers"]) mappings["layers"][l["layer"]["name"]] = l["mapping"];
  write("maps.json", mappings);
  json energy = read_json(std::string(CODESIGN_SOURCE_DIR) + "/configs/energy/45nm.json");
  write("energy.json", energy);
  const json suite = {{"name", "e2e"},
                      {"energy_table", "energy.json"},
                      {"defaults", {{"tolerances", {{"cycles", {{"relative", 0.001}}}}}}},
                      {"matrix", {{{"variants", {"hw.json"}}, {"workloads", {"w.json"}}}}},
                      {"cases",
                       {{{"name", "mapped"},
                         {"variant", "files"},
                         {"hw", tiny_hw("tiny-4x4")},
                         {"workload", "w.json"},
                         {"mapping", {{"source", "file"}, {"file", "maps.json"}}},
                         {"stall_probability", 0.1}}}}};
  const std::string s = write("suite.json", suite);
  const std::vector<std::string> outputs = {"--junit",    path("r.xml"), "--history",
                                            path("h.db"), "--html",      path("r.html")};

  // No baselines yet: every case is missing one, which is no pass.
  Outcome o = regress(s, outputs);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  auto junit = read_junit(path("r.xml"));
  ASSERT_EQ(junit.size(), 2u);
  for (const auto& [name, t] : junit) {
    EXPECT_EQ(t.problem, "failure") << name;
    EXPECT_EQ(t.type, "missing_baseline") << name;
  }
  EXPECT_FALSE(fs::exists(baselines_));

  // Baselines created, with where they came from.
  o = regress(s, {"--update-baselines", "--junit", path("r.xml"), "--history", path("h.db")});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const json b = read_json(baselines_);
  ASSERT_EQ(b["cases"].size(), 2u);
  const json& tiny = b["cases"]["tiny-4x4/tiny"];
  EXPECT_GT(tiny["metrics"]["cycles"].get<double>(), 0);
  EXPECT_GT(tiny["metrics"]["energy"].get<double>(), 0);
  EXPECT_EQ(tiny["layers"].size(), 2u);
  EXPECT_FALSE(tiny["date"].get<std::string>().empty());
  EXPECT_FALSE(tiny["tool_revision"].get<std::string>().empty());
  EXPECT_FALSE(tiny["rtl_revision"].get<std::string>().empty());

  // A rerun passes: same RTL, same seeds, same numbers.
  o = regress(s, outputs);
  ASSERT_EQ(o.exit_code, 0) << o.output;
  junit = read_junit(path("r.xml"));
  for (const auto& [name, t] : junit) EXPECT_EQ(t.problem, "") << name << ": " << t.message;
  EXPECT_EQ(junit["mapped"].suite, "files");
  EXPECT_EQ(junit["mapped"].classname, "regress.e2e.files");
  EXPECT_EQ(junit["tiny-4x4/tiny"].classname, "regress.e2e.tiny-4x4");
  // The comparison with the baseline is in system-out.
  EXPECT_TRUE(contains(junit["mapped"].out, "fc: cycles ")) << junit["mapped"].out;
  EXPECT_TRUE(contains(junit["mapped"].out, "baseline recorded ")) << junit["mapped"].out;

  // A changed energy table: energy and EDP drift, cycles do not.
  energy["dram_pj_per_byte"]["value"] = energy["dram_pj_per_byte"]["value"].get<double>() * 1.5;
  write("energy.json", energy);
  o = regress(s, outputs);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  junit = read_junit(path("r.xml"));
  for (const auto& [name, t] : junit) {
    EXPECT_EQ(t.problem, "failure") << name;
    EXPECT_EQ(t.type, "drift") << name;
    EXPECT_EQ(t.message.rfind("energy: ", 0), 0u) << t.message;
    EXPECT_TRUE(contains(t.message, "pJ against baseline ")) << t.message;
    EXPECT_TRUE(contains(t.message, "tolerance +-(0% + 0)")) << t.message;
    EXPECT_TRUE(contains(t.message, "edp: ")) << t.message;
    EXPECT_FALSE(contains(t.message, "cycles: ")) << t.message;
  }
  energy = read_json(std::string(CODESIGN_SOURCE_DIR) + "/configs/energy/45nm.json");
  write("energy.json", energy);

  // A changed RTL parameter (one input-buffer bank instead of two: larger banks cost more per
  // access) drifts the case that has it and no other.
  json changed = suite;
  changed["cases"][0]["hw"]["input_buffer"]["banks"] = 1;
  write("suite.json", changed);
  o = regress(s, outputs);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  junit = read_junit(path("r.xml"));
  EXPECT_EQ(junit["tiny-4x4/tiny"].problem, "");
  EXPECT_EQ(junit["mapped"].type, "drift");
  EXPECT_TRUE(contains(junit["mapped"].message, "energy: ")) << junit["mapped"].message;
  write("suite.json", suite);

  // A changed mapping: one COMPUTE per element instead of per block.
  json slow = mappings;
  for (auto& [dim, tile] : slow["layers"]["fc"]["compute_tile"].items()) tile = 1;
  write("maps.json", slow);
  o = regress(s, outputs);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  junit = read_junit(path("r.xml"));
  EXPECT_EQ(junit["tiny-4x4/tiny"].problem, "");
  EXPECT_EQ(junit["mapped"].type, "drift");
  EXPECT_EQ(junit["mapped"].message.rfind("cycles: ", 0), 0u) << junit["mapped"].message;
  EXPECT_TRUE(contains(junit["mapped"].out, "fc: cycles ")) << junit["mapped"].out;
  EXPECT_TRUE(contains(junit["mapped"].out, "mapping changed")) << junit["mapped"].out;

  // The history holds every run that asked for it; the page shows each case's trends and
  // marks where the mapped case began failing.
  const codesign::regress::History history(path("h.db"));
  const auto runs = history.last_runs("e2e", 100);
  EXPECT_EQ(runs.size(), 6u);
  const std::string page = codesign::util::read_text_file(path("r.html"));
  EXPECT_TRUE(contains(page, "The last 6 runs of this suite")) << page.substr(0, 2000);
  std::size_t charts = 0;
  for (std::size_t p = page.find("<svg"); p != std::string::npos; p = page.find("<svg", p + 1))
    ++charts;
  EXPECT_EQ(charts, 6u);  // cycles, energy, EDP of two cases
  EXPECT_TRUE(contains(page, "failing since run " + std::to_string(runs[3].id))) << page;
}

TEST_F(RegressCli, ABrokenSimulatorIsAnErrorAndTheOtherCasesStillRun) {
  const json broken_hw = tiny_hw("broken", 3), fine_hw = tiny_hw("fine", 4);
  const std::string s =
      write("suite.json",
            {{"name", "broken"},
             {"matrix", {{{"variants", {broken_hw, fine_hw}}, {"workloads", {workload()}}}}}});
  // Simulators built in the shared cache (other tests reuse them), then copied to a private
  // one where the simulator of one variant is replaced by one that crashes.
  ASSERT_EQ(regress(s, {"--update-baselines"}).exit_code, 0);
  const codesign::systemc::BuildCache shared, private_cache(path("cache"));
  for (const json& hw : {broken_hw, fine_hw}) {
    const auto b = codesign::arch::hw_config_from_json(hw, "hw").build;
    fs::create_directories(private_cache.directory(b, {}));
    fs::copy(shared.directory(b, {}), private_cache.directory(b, {}), fs::copy_options::recursive);
  }
  const auto broken = codesign::arch::hw_config_from_json(broken_hw, "hw").build;
  codesign::tests::plant_crashing_simulator(private_cache.directory(broken, {}));
  const std::string cache = private_cache.root();
  const Outcome o = regress(s, {"--cache", cache, "--junit", path("r.xml")});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  auto junit = read_junit(path("r.xml"));
  EXPECT_EQ(junit["broken/tiny"].problem, "error");
  EXPECT_EQ(junit["broken/tiny"].type, "simulation_failure");
  EXPECT_TRUE(contains(junit["broken/tiny"].message, "signal 11")) << junit["broken/tiny"].message;
  EXPECT_EQ(junit["fine/tiny"].problem, "") << junit["fine/tiny"].message;
}

TEST_F(RegressCli, AnExportedDesignRunsItsOwnProgramsAndNoticesStaleOnes) {
  // A search whose space holds one hardware point (the tiny 4x4 others build), exported.
  const json space = {{"name", "one"},
                      {"rows", {{"min", 4}, {"max", 4}}},
                      {"cols", {{"min", 4}, {"max", 4}}},
                      {"input_buffer_kib", {{"min", 1}, {"max", 1}}},
                      {"weight_buffer_kib", {{"min", 1}, {"max", 1}}},
                      {"accumulator_buffer_kib", {{"min", 4}, {"max", 4}}},
                      {"dataflows", {"os+ws"}},
                      {"fixed", {{"banks", 2}}}};
  const std::string study = path("s.db"), exported = path("export");
  const Outcome searched = codesign({"search", "--workload", write("w.json", workload()), "--space",
                                     write("space.json", space), "--study", study, "--budget", "2",
                                     "--mapper-budget", "30", "--confirm", "0"});
  ASSERT_EQ(searched.exit_code, 0) << searched.output;
  const Outcome ex = codesign({"export", "--study", study, "--out", exported, "--no-verify"});
  ASSERT_EQ(ex.exit_code, 0) << ex.output;
  const std::string s = write(
      "suite.json", {{"name", "exported"}, {"cases", {{{"name", "best"}, {"design", "export"}}}}});
  Outcome o = regress(s, {"--update-baselines"});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  o = regress(s, {"--junit", path("r.xml")});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_EQ(read_junit(path("r.xml"))["best"].problem, "");
  // A program that is no longer what its mapping compiles to fails the case.
  std::string program;
  for (const auto& e : fs::directory_iterator(exported + "/layers"))
    if (program.empty()) program = (e.path() / "program.json").string();
  json p = read_json(program);
  p.erase(p.size() - 1);
  std::ofstream(program) << p.dump();
  o = regress(s, {"--junit", path("r.xml")});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  const TestCase t = read_junit(path("r.xml"))["best"];
  EXPECT_EQ(t.problem, "failure");
  EXPECT_EQ(t.type, "stale_program");
  EXPECT_TRUE(contains(t.message, "re-export the design")) << t.message;
}

TEST_F(RegressCli, BadInputIsRefusedWithFileKeyAndRangeAndWritesNothing) {
  const std::string s =
      write("suite.json", {{"cases",
                            {{{"name", "c"},
                              {"hw", tiny_hw()},
                              {"workload", workload()},
                              {"tolerances", {{"energy", {{"relative", -1}}}}}}}}});
  Outcome o = regress(s, {"--junit", path("r.xml"), "--history", path("h.db")});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_TRUE(contains(o.output, s + ": cases[0].tolerances.energy.relative: expected number in "
                                     "[0, 1e+06], got -1"))
      << o.output;
  EXPECT_FALSE(fs::exists(path("r.xml")));
  EXPECT_FALSE(fs::exists(path("h.db")));
  EXPECT_FALSE(fs::exists(baselines_));

  const std::string good = write(
      "good.json", {{"cases", {{{"name", "c"}, {"hw", tiny_hw()}, {"workload", workload()}}}}});
  o = regress(good, {"--filter", "nothing*"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_TRUE(contains(o.output, "--filter nothing*: matches none of the 1 cases")) << o.output;
  o = regress(good, {"--junit", good});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_TRUE(contains(o.output, "--junit: " + good + " is the input given by --suite"))
      << o.output;
  write("baselines.json", {{"format", "codesign regress baselines"}, {"version", 7}});
  o = regress(good, {});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_TRUE(contains(o.output, baselines_ + ": version: expected integer in [1, 1], got 7"))
      << o.output;
}

}  // namespace
