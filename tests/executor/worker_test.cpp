// run_worker: writes the handler's output with where and how long it ran; never runs a job
// twice; a bad job or a throwing handler is an exit code and a message, not a result.
#include "executor/worker.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "executor/job_dir.hpp"
#include "temp_dir.hpp"

namespace codesign::executor {
namespace {

TEST(Worker, WritesTheOutputWithHostAndWallTime) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {{"n", 20}});
  const int code = run_worker(dir, [](const nlohmann::json& job) {
    return nlohmann::json{{"twice", 2 * job["n"].get<int>()}};
  });
  EXPECT_EQ(code, kWorkerDone);
  const auto r = read_result(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->output, (nlohmann::json{{"twice", 40}}));
  EXPECT_EQ(r->host, host_name());
  EXPECT_GE(r->wall_s, 0);
  EXPECT_GT(r->started, 1.6e9);
}

TEST(Worker, NeverRunsAJobThatHasAResult) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {});
  int calls = 0;
  const JobHandler count = [&](const nlohmann::json&) {
    ++calls;
    return nlohmann::json(calls);
  };
  EXPECT_EQ(run_worker(dir, count), kWorkerDone);
  EXPECT_EQ(run_worker(dir, count), kWorkerDone);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(read_result(dir)->output, 1);
}

TEST(Worker, BadJobOrThrowingHandlerLeavesNoResult) {
  TempDir tmp;
  const JobHandler ok = [](const nlohmann::json&) { return nlohmann::json(1); };
  EXPECT_EQ(run_worker(tmp / "missing", ok), kWorkerBadJob);

  const std::string dir = tmp / "job";
  write_job(dir, {});
  EXPECT_EQ(run_worker(dir,
                       [](const nlohmann::json&) -> nlohmann::json {
                         throw std::runtime_error("no mapping fits");
                       }),
            kWorkerInternal);
  EXPECT_FALSE(has_result(dir));
}

}  // namespace
}  // namespace codesign::executor
