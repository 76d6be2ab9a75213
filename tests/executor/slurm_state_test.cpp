// Reading scontrol's one-line job records (as Slurm 22.05 prints them) and turning terminal
// states into ends with reasons.
#include "executor/slurm_state.hpp"

#include <gtest/gtest.h>

namespace codesign::executor {
namespace {

// Abridged from `scontrol -o show job 1` on a single-node cluster: a throttled array with
// pending, running, completed, failed and cancelled tasks.
const char* const kArray =
    "JobId=1 ArrayJobId=1 ArrayTaskId=4-5%2 ArrayTaskThrottle=2 JobName=wrap UserId=root(0) "
    "JobState=PENDING Reason=JobArrayTaskLimit Dependency=(null) ExitCode=0:0 RunTime=00:00:00 "
    "StartTime=Unknown NodeList= NumNodes=1 StdOut=/dev/null Power= \n"
    "JobId=4 ArrayJobId=1 ArrayTaskId=3 JobName=wrap JobState=RUNNING Reason=None "
    "ExitCode=0:0 RunTime=1-02:03:04 NodeList=localhost BatchHost=node7 NumNodes=1\n"
    "JobId=3 ArrayJobId=1 ArrayTaskId=2 JobName=wrap JobState=FAILED Reason=NonZeroExitCode "
    "ExitCode=2:0 RunTime=00:00:03 NodeList=localhost BatchHost=localhost\n"
    "JobId=2 ArrayJobId=1 ArrayTaskId=1 JobName=wrap JobState=CANCELLED Reason=None "
    "ExitCode=0:15 RunTime=00:00:02 NodeList=localhost BatchHost=localhost\n"
    "JobId=5 ArrayJobId=1 ArrayTaskId=0 JobName=wrap JobState=COMPLETED Reason=None "
    "ExitCode=0:0 RunTime=00:01:05 NodeList=localhost BatchHost=localhost\n";

TEST(SlurmState, ParsesEveryRecordOfAnArray) {
  const auto records = parse_scontrol_jobs(kArray);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].array_job_id, "1");
  EXPECT_EQ(records[0].tasks, (std::vector<long>{4, 5}));
  EXPECT_EQ(records[0].state, "PENDING");
  EXPECT_EQ(records[0].reason, "JobArrayTaskLimit");
  EXPECT_EQ(records[0].host, "");
  EXPECT_EQ(records[1].tasks, (std::vector<long>{3}));
  EXPECT_EQ(records[1].state, "RUNNING");
  EXPECT_DOUBLE_EQ(records[1].run_time_s, 86400 + 2 * 3600 + 3 * 60 + 4);
  EXPECT_EQ(records[1].host, "node7");
  EXPECT_EQ(records[2].exit_code, 2);
  EXPECT_EQ(records[3].exit_signal, 15);
  EXPECT_DOUBLE_EQ(records[4].run_time_s, 65);
}

TEST(SlurmState, SkipsLinesThatAreNotArrayTasks) {
  EXPECT_TRUE(parse_scontrol_jobs("slurm_load_jobs error: Invalid job id specified\n").empty());
  EXPECT_TRUE(parse_scontrol_jobs("JobId=9 JobName=x JobState=RUNNING ExitCode=0:0\n").empty());
  EXPECT_TRUE(parse_scontrol_jobs("").empty());
}

TEST(SlurmState, ArrayTaskListsAndDurations) {
  EXPECT_EQ(parse_array_tasks("7"), (std::vector<long>{7}));
  EXPECT_EQ(parse_array_tasks("0-3%2"), (std::vector<long>{0, 1, 2, 3}));
  EXPECT_EQ(parse_array_tasks("1,4-5,9"), (std::vector<long>{1, 4, 5, 9}));
  EXPECT_DOUBLE_EQ(parse_slurm_duration("05:07"), 307);
  EXPECT_DOUBLE_EQ(parse_slurm_duration("10:00:00"), 36000);
  EXPECT_THROW(parse_slurm_duration("UNLIMITED"), std::invalid_argument);
}

TEST(SlurmState, ActiveStatesAreNotEnds) {
  for (const char* s : {"PENDING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED"})
    EXPECT_TRUE(slurm_state_is_active(s)) << s;
  for (const char* s : {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY",
                        "PREEMPTED", "BOOT_FAIL", "DEADLINE"})
    EXPECT_FALSE(slurm_state_is_active(s)) << s;
}

SlurmRecord record(const std::string& state, int code = 0, int signal = 0) {
  SlurmRecord r;
  r.state = state;
  r.exit_code = code;
  r.exit_signal = signal;
  r.host = "node3";
  r.run_time_s = 12;
  return r;
}

TEST(SlurmState, TerminalStatesEndWithTheirReasons) {
  EXPECT_EQ(slurm_end(record("COMPLETED")).kind, EndKind::done);
  const JobEnd timeout = slurm_end(record("TIMEOUT"));
  EXPECT_EQ(timeout.kind, EndKind::timed_out);
  EXPECT_NE(timeout.reason.find("TIMEOUT"), std::string::npos);
  const JobEnd cancelled = slurm_end(record("CANCELLED", 0, 15));
  EXPECT_EQ(cancelled.kind, EndKind::cancelled);
  EXPECT_NE(cancelled.reason.find("scancel"), std::string::npos);
  EXPECT_EQ(slurm_end(record("NODE_FAIL")).kind, EndKind::failed);
  EXPECT_NE(slurm_end(record("NODE_FAIL")).reason.find("NODE_FAIL"), std::string::npos);
  EXPECT_NE(slurm_end(record("OUT_OF_MEMORY")).reason.find("OUT_OF_MEMORY"), std::string::npos);
  EXPECT_EQ(slurm_end(record("FAILED", 3)).reason, "worker exited with status 3 (FAILED)");
  EXPECT_EQ(slurm_end(record("FAILED", 0, 9)).reason, "worker killed by signal 9 (FAILED)");
  EXPECT_EQ(slurm_end(record("PREEMPTED")).reason, "Slurm ended it: PREEMPTED");
  const JobEnd e = slurm_end(record("FAILED", 1));
  EXPECT_EQ(e.where.host, "node3");
  EXPECT_DOUBLE_EQ(e.where.wall_s, 12);
}

}  // namespace
}  // namespace codesign::executor
