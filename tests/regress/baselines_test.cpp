#include "regress/baselines.hpp"

#include <gtest/gtest.h>

#include "tests/regress/regress_fixtures.hpp"
#include "util/json_reader.hpp"

namespace {

namespace fs = std::filesystem;
using namespace codesign::regress;

TEST(Baselines, SaveAndLoadRoundTrip) {
  const fs::path dir = codesign::tests::test_dir();
  const std::string file = (dir / "baselines.json").string();
  Baselines b;
  b["v/w"] = {{{Metric::kCycles, 1234}, {Metric::kEnergy, 0.1 + 0.2}, {Metric::kArea, 1.5}},
              {{"fc", 2, 617, 0.1 + 0.2, 72, {{"dataflow", "os"}}}},
              "rows=4 cols=4",
              {"2024-05-01T02:00:00Z", "abc+dirty", "def"}};
  b["v/x"] = {{{Metric::kCycles, 7}}, {}, "k", {"d", "t", "r"}};
  save_baselines(file, b);
  const Baselines back = load_baselines(file);
  ASSERT_EQ(back.size(), 2u);
  const Baseline& a = back.at("v/w");
  EXPECT_EQ(a.metrics, b["v/w"].metrics);  // doubles round-trip exactly
  EXPECT_EQ(a.layers[0].energy_pj, 0.1 + 0.2);
  EXPECT_EQ(a.layers[0].mapping, b["v/w"].layers[0].mapping);
  EXPECT_EQ(a.design, "rows=4 cols=4");
  EXPECT_EQ(a.provenance.tool_revision, "abc+dirty");
  EXPECT_EQ(a.provenance.rtl_revision, "def");
  // Written atomically: nothing beside the file.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(Baselines, AMissingFileHoldsNoneAndAMalformedOneIsRefused) {
  const fs::path dir = codesign::tests::test_dir();
  EXPECT_TRUE(load_baselines((dir / "none.json").string()).empty());
  const nlohmann::json bad_case = {{"metrics", {{"cycles", -1}}}};
  const std::string file = codesign::tests::write_json(
      dir / "b.json",
      {{"format", "codesign regress baselines"}, {"version", 1}, {"cases", {{"v/w", bad_case}}}});
  try {
    load_baselines(file);
    FAIL() << "accepted";
  } catch (const codesign::util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(file + ": cases.v/w.metrics.cycles: expected number"),
              std::string::npos)
        << e.what();
  }
  codesign::tests::write_json(dir / "other.json", {{"format", "something else"}});
  EXPECT_THROW(load_baselines((dir / "other.json").string()), codesign::util::ConfigError);
}

TEST(Baselines, ProvenanceNamesTheDateAndRevisions) {
  const Provenance p = current_provenance();
  EXPECT_EQ(p.date.size(), 20u);  // 2024-05-01T02:00:00Z
  EXPECT_EQ(p.date.back(), 'Z');
  EXPECT_FALSE(p.tool_revision.empty());
  EXPECT_FALSE(p.rtl_revision.empty());
}

}  // namespace
