// `codesign regress --executor slurm` against a real single-node cluster (started and stopped
// by this program, scripts/slurm_local.sh): every case runs as an array task of `codesign
// worker` and reproduces, to the bit, the baselines a local run recorded.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "tests/cli/cli_fixture.hpp"
#include "tests/executor/slurm_cluster.hpp"
#include "tests/regress/regress_fixtures.hpp"

namespace {

namespace fs = std::filesystem;
using codesign::tests::Outcome;
using nlohmann::json;

class RegressSlurm : public codesign::tests::CliTest {};

TEST_F(RegressSlurm, CasesRunAsArrayTasksAndMatchALocalRun) {
  const codesign::executor::SlurmCluster cluster(2);
  const json suite = {
      {"name", "slurm"},
      {"matrix",
       {{{"variants", {codesign::tests::tiny_hw("tiny-4x4")}},
         {"workloads",
          {codesign::tests::tiny_workload("one"), codesign::tests::tiny_workload("two")}}}}}};
  const std::string s = write("suite.json", suite), b = (dir_ / "baselines.json").string();
  Outcome o = codesign({"regress", "--suite", s, "--baselines", b, "--update-baselines"});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const std::string junit = (dir_ / "r.xml").string(), jobs = (dir_ / "jobs").string();
  o = codesign({"regress", "--suite", s, "--baselines", b, "--executor", "slurm", "--job-dir", jobs,
                "--jobs", "2", "--junit", junit});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(junit.c_str()));
  const pugi::xml_node suite_node = doc.child("testsuites").child("testsuite");
  EXPECT_STREQ(suite_node.attribute("tests").value(), "2");
  for (const pugi::xml_node c : suite_node.children("testcase")) {
    EXPECT_TRUE(c.child("failure").empty() && c.child("error").empty())
        << c.attribute("name").value() << ": " << c.child("system-out").text().get();
    EXPECT_NE(std::string(c.child("system-out").text().get()).find("baseline recorded"),
              std::string::npos);
  }
  // The run's job directories are gone; the scripts' directory with them.
  EXPECT_TRUE(fs::is_empty(jobs)) << jobs;
}

}  // namespace
