// The job directory contract: job, result and submission files round-trip; a missing result
// is "not done", a malformed one an error naming the file.
#include "executor/job_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.hpp"

namespace codesign::executor {
namespace {

TEST(JobDir, JobResultAndSubmissionRoundTrip) {
  TempDir tmp;
  const std::string dir = tmp / "a/b/job-1";
  write_job(dir, {{"x", 1}});
  EXPECT_EQ(read_job(dir), (nlohmann::json{{"x", 1}}));
  EXPECT_FALSE(has_result(dir));
  EXPECT_FALSE(read_result(dir));
  EXPECT_FALSE(read_submission(dir));

  write_result(dir, {{{"y", 2}}, "node7", 1.5, 1700000000.25});
  ASSERT_TRUE(has_result(dir));
  const auto r = read_result(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->output, (nlohmann::json{{"y", 2}}));
  EXPECT_EQ(r->host, "node7");
  EXPECT_DOUBLE_EQ(r->wall_s, 1.5);
  EXPECT_DOUBLE_EQ(r->started, 1700000000.25);

  write_submission(dir, {"slurm", "123_4"});
  const auto s = read_submission(dir);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->executor, "slurm");
  EXPECT_EQ(s->job_id, "123_4");
}

TEST(JobDir, MissingOrMalformedFilesNameTheFile) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  EXPECT_THROW(read_job(dir), std::runtime_error);
  write_job(dir, {});
  std::ofstream(result_file(dir)) << "{\"output\": 1";
  try {
    read_result(dir);
    FAIL() << "a truncated result was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("result.json"), std::string::npos) << e.what();
  }
  std::ofstream(result_file(dir)) << "{\"output\": 1}";
  EXPECT_THROW(read_result(dir), std::runtime_error);  // no host, no wall time
}

TEST(JobDir, LastLogLineIsWhatTheWorkerSaidLast) {
  TempDir tmp;
  const std::string dir = tmp / "job";
  write_job(dir, {});
  EXPECT_EQ(last_log_line(dir), "");
  std::ofstream(log_file(dir)) << "first\nerror: the real reason\n\n  \n";
  EXPECT_EQ(last_log_line(dir), "error: the real reason");
  std::ofstream(log_file(dir)) << std::string(1000, 'x') << "\n";
  EXPECT_EQ(last_log_line(dir).size(), 300u);
}

}  // namespace
}  // namespace codesign::executor
