#include "regress/suite.hpp"

#include <gtest/gtest.h>

#include "mapping/compiler.hpp"
#include "mapping/mapspace.hpp"
#include "tests/regress/regress_fixtures.hpp"
#include "util/json_reader.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::regress::Case;
using codesign::regress::load_suite;
using codesign::regress::MappingSource;
using codesign::regress::Metric;
using codesign::tests::test_dir;
using codesign::tests::tiny_hw;
using codesign::tests::tiny_workload;
using codesign::tests::write_json;
using nlohmann::json;

// The message of the ConfigError that loading `suite` throws ("" if none).
std::string load_error(const fs::path& dir, const json& suite) {
  try {
    load_suite(write_json(dir / "s.json", suite));
  } catch (const codesign::util::ConfigError& e) {
    return e.what();
  }
  return "";
}

const Case& named(const std::vector<Case>& cases, const std::string& name) {
  for (const Case& c : cases)
    if (c.name == name) return c;
  throw std::runtime_error("no case " + name);
}

// A valid mapping of the tiny workload's layer on the tiny hardware point.
json a_mapping() {
  const auto hw = codesign::arch::hw_config_from_json(tiny_hw(), "hw");
  const auto layer = codesign::mapping::workload_from_json(tiny_workload(), "w").layers[0];
  codesign::mapping::Mapspace space(hw.build, layer);
  std::mt19937_64 rng(3);
  return codesign::mapping::to_json(space.sample(rng));
}

TEST(Suite, ExpandsACrossProductAndMergesSettingsLevelByLevel) {
  const fs::path dir = test_dir();
  write_json(dir / "hw/a.json", tiny_hw("a"));
  write_json(dir / "w/one.json", tiny_workload("one"));
  const json suite = {
      {"name", "night"},
      {"defaults",
       {{"operand_seed", 7},
        {"tolerances", {{"cycles", {{"relative", 0.01}}}, {"energy", {{"absolute", 5}}}}}}},
      {"matrix",
       {{{"variants", {"hw/a.json", tiny_hw("b", 8)}},
         {"workloads", {"w/one.json", tiny_workload("two")}},
         {"stall_probability", 0.25},
         {"tolerances", {{"cycles", {{"relative", 0.02}, {"absolute", 3}}}}}}}},
      {"cases",
       {{{"name", "special"},
         {"variant", "b"},
         {"hw", "hw/a.json"},
         {"workload", tiny_workload("three")},
         {"mapping", {{"source", "auto"}, {"seed", 9}, {"budget", 20}}},
         {"area", true}}}}};
  const auto s = load_suite(write_json(dir / "s.json", suite));
  EXPECT_EQ(s.name, "night");
  ASSERT_EQ(s.cases.size(), 5u);
  for (const char* name : {"a/one", "b/one", "a/two", "b/two"}) {
    const Case& c = named(s.cases, name);
    EXPECT_EQ(c.operand_seed, 7u);
    EXPECT_EQ(c.stall_probability, 0.25);
    EXPECT_EQ(c.tolerances.at(Metric::kCycles).relative, 0.02);
    EXPECT_EQ(c.tolerances.at(Metric::kCycles).absolute, 3);
    EXPECT_EQ(c.tolerances.at(Metric::kEnergy).absolute, 5);  // from the defaults
    EXPECT_EQ(c.tolerances.at(Metric::kEdp).relative, 0);     // unset: exact
    EXPECT_EQ(c.mapping_source, MappingSource::kAuto);
    EXPECT_FALSE(c.area);
  }
  EXPECT_EQ(named(s.cases, "b/two").hw.build.cols, 8);
  EXPECT_EQ(named(s.cases, "b/two").variant, "b");
  EXPECT_EQ(named(s.cases, "a/two").layers.size(), 1u);
  const Case& special = named(s.cases, "special");
  EXPECT_EQ(special.variant, "b");
  EXPECT_EQ(special.workload, "three");
  EXPECT_EQ(special.mapper_seed, 9u);
  EXPECT_EQ(special.mapper_budget, 20u);
  EXPECT_EQ(special.stall_probability, 0);  // the cross-product's setting is not its
  EXPECT_EQ(special.tolerances.at(Metric::kCycles).relative, 0.01);
  EXPECT_TRUE(special.area);
  // Every case carries its energy table's contents: a job needs no file of the suite.
  EXPECT_EQ(special.energy_table.at("name"), "45nm-default");
}

TEST(Suite, ReadsMappingFilesAndExportedDesigns) {
  const fs::path dir = test_dir();
  const json m = a_mapping();
  write_json(dir / "maps.json", {{"layers", {{"fc", m}}}});
  // An export as `codesign export` writes it (the parts the suite reads).
  const auto hw = codesign::arch::hw_config_from_json(tiny_hw("exported"), "hw");
  const auto layer = codesign::mapping::workload_from_json(tiny_workload(), "w").layers[0];
  const auto mapping = codesign::mapping::mapping_from_json(m, "m");
  const auto compiled = codesign::mapping::compile(hw.build, layer, mapping);
  write_json(dir / "export/hw.json", codesign::arch::to_json(hw));
  write_json(dir / "export/manifest.json", {{"tool", "codesign"}});
  write_json(dir / "export/layers/00_fc/layer.json", codesign::mapping::to_json(layer));
  write_json(dir / "export/layers/00_fc/mapping.json", m);
  write_json(dir / "export/layers/00_fc/program.json", codesign::arch::to_json(compiled.program));
  const json suite = {
      {"cases",
       {{{"name", "by-file"},
         {"hw", tiny_hw()},
         {"workload", tiny_workload()},
         {"mapping", {{"source", "file"}, {"file", "maps.json"}}}},
        {{"name", "exported"}, {"design", "export"}},
        {{"name", "exported-remapped"}, {"design", "export"}, {"mapping", {{"source", "auto"}}}}}}};
  const auto s = load_suite(write_json(dir / "s.json", suite));
  const Case& by_file = named(s.cases, "by-file");
  EXPECT_EQ(by_file.mapping_source, MappingSource::kFile);
  ASSERT_EQ(by_file.mappings.size(), 1u);
  EXPECT_EQ(by_file.mappings[0], mapping);
  const Case& exported = named(s.cases, "exported");
  EXPECT_EQ(exported.variant, "exported");  // the design's own name
  EXPECT_EQ(exported.mapping_source, MappingSource::kExport);
  ASSERT_EQ(exported.export_programs.size(), 1u);
  EXPECT_EQ(exported.export_programs[0], compiled.program);
  EXPECT_EQ(exported.layers[0].repeat, 2);
  EXPECT_EQ(named(s.cases, "exported-remapped").mapping_source, MappingSource::kAuto);
}

TEST(Suite, RefusesBadSuitesNamingFileKeyAndRange) {
  const fs::path dir = test_dir();
  const json hw = tiny_hw(), w = tiny_workload();
  auto one_case = [&](json extra) {
    json c = {{"name", "c"}, {"hw", hw}, {"workload", w}};
    for (const auto& [k, v] : extra.items()) c[k] = v;
    return json{{"cases", {c}}};
  };
  const std::string s = (dir / "s.json").string();
  const std::pair<json, std::string> bad[] = {
      {one_case({{"tolerances", {{"cycles", {{"relative", -0.1}}}}}}),
       s + ": cases[0].tolerances.cycles.relative: expected number in [0, 1e+06], got -0.1"},
      {one_case({{"tolerances", {{"latency", {{"relative", 0.1}}}}}}),
       s + ": cases[0].tolerances.latency: unknown key"},
      {one_case({{"stall_probability", 0.99}}),
       s + ": cases[0].stall_probability: expected number in [0, 0.95], got 0.99"},
      {one_case({{"mapping", {{"source", "magic"}}}}),
       s + ": cases[0].mapping.source: expected one of \"auto\", \"file\", \"export\", got "
           "\"magic\""},
      {one_case({{"mapping", {{"source", "export"}}}}),
       s + ": cases[0].mapping.source: \"export\" needs a case with \"design\""},
      {one_case({{"mapping", {{"source", "auto"}, {"budget", 0}}}}),
       s + ": cases[0].mapping.budget: expected integer in [1, 1000000], got 0"},
      {one_case({{"design", "nowhere"}}), s + ": cases[0].hw: give exactly one of"},
      {one_case({{"timeout_s", 0}}), s + ": cases[0].timeout_s: expected number in [1, 1e+06]"},
      {one_case({{"colour", "red"}}), s + ": cases[0].colour: unknown key"},
      {{{"cases", {{{"name", "c"}, {"hw", hw}}}}}, s + ": cases[0].workload: missing required key"},
      {{{"cases",
         {{{"name", "c"}, {"hw", hw}, {"workload", w}},
          {{"name", "c"}, {"hw", hw}, {"workload", w}}}}},
       s + ": cases[1].name: case name \"c\" is already used by " + s + ": cases[0]"},
      {{{"matrix", {{{"variants", {hw, hw}}, {"workloads", {w}}}}}},
       "case name \"tiny-4x4/tiny\" is already used"},
      {{{"matrix", {{{"variants", json::array()}, {"workloads", {w}}}}}},
       s + ": matrix[0].variants: expected at least one hardware point"},
      {{{"matrix", {{{"variants", {42}}, {"workloads", {w}}}}}},
       s + ": matrix[0].variants[0]: expected a hardware point file name or object"},
      {{{"matrix", {{{"variants", {"missing.json"}}, {"workloads", {w}}}}}},
       "missing.json: cannot open file"},
      {{{"cases", {{{"name", "c"}, {"hw", json{{"rows", 0}}}, {"workload", w}}}}},
       s + ": cases[0].hw.rows: expected integer in [1, 64], got 0"},
      {{{"energy_table", "none.json"}, {"cases", json::array()}}, "none.json: cannot open file"},
      {{{"cases", json::array()}}, s + ": no cases"},
      {{{"defaults", {{"area", "yes"}}}, {"cases", json::array()}},
       s + ": defaults.area: expected true or false"},
      {{{"case", json::array()}}, s + ": case: unknown key"},
  };
  for (const auto& [suite, want] : bad) {
    const std::string got = load_error(dir, suite);
    EXPECT_NE(got.find(want), std::string::npos) << "want: " << want << "\ngot:  " << got;
  }
  // A mapping file that misses a layer, and a design that is not an export.
  write_json(dir / "maps.json", {{"layers", json::object()}});
  EXPECT_NE(load_error(dir, one_case({{"mapping", {{"source", "file"}, {"file", "maps.json"}}}}))
                .find((dir / "maps.json").string() + ": layers.fc: no mapping for this layer"),
            std::string::npos);
  fs::create_directories(dir / "not-an-export");
  EXPECT_NE(load_error(dir, {{"cases", {{{"name", "d"}, {"design", "not-an-export"}}}}})
                .find("is not a codesign export (no manifest.json)"),
            std::string::npos);
}

TEST(Suite, FiltersCasesByGlob) {
  const fs::path dir = test_dir();
  const json suite = {{"matrix",
                       {{{"variants", {tiny_hw("a"), tiny_hw("b")}},
                         {"workloads", {tiny_workload("x"), tiny_workload("y")}}}}}};
  const auto s = load_suite(write_json(dir / "s.json", suite));
  auto names = [](const std::vector<Case>& cases) {
    std::vector<std::string> n;
    for (const Case& c : cases) n.push_back(c.name);
    return n;
  };
  EXPECT_EQ(names(codesign::regress::filter_cases(s.cases, "a/*")),
            (std::vector<std::string>{"a/x", "a/y"}));
  EXPECT_EQ(names(codesign::regress::filter_cases(s.cases, "*/y")),
            (std::vector<std::string>{"a/y", "b/y"}));
  EXPECT_EQ(codesign::regress::filter_cases(s.cases, "").size(), 4u);
  EXPECT_TRUE(codesign::regress::filter_cases(s.cases, "c/*").empty());
}

TEST(Suite, TheShippedNightlySuiteLoads) {
  // Every shipped hardware point on every shipped workload (with its area), the exported
  // DQN design and a run with DRAM stalls.
  const auto suite = load_suite(CODESIGN_SOURCE_DIR "/configs/regress/nightly.json");
  EXPECT_EQ(suite.name, "nightly");
  ASSERT_EQ(suite.cases.size(), 3u * 6u + 2u);
  EXPECT_TRUE(named(suite.cases, "eyeriss-like/resnet50").area);
  EXPECT_EQ(named(suite.cases, "dqn-edge").mapping_source, MappingSource::kExport);
  EXPECT_EQ(named(suite.cases, "default-16x16/dqn-stalls").stall_probability, 0.2);
}

}  // namespace
