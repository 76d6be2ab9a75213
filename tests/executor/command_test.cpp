// run_command: output and exit status of a scheduler client; a hung one is killed.
#include "executor/command.hpp"

#include <gtest/gtest.h>

namespace codesign::executor {
namespace {

TEST(Command, CapturesOutputAndExitStatus) {
  const auto r = run_command({"sh", "-c", "echo out; echo err >&2; exit 3"}, 10);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.output.find("out"), std::string::npos);
  EXPECT_NE(r.output.find("err"), std::string::npos);
}

TEST(Command, AMissingProgramIsAnExitStatusNotAnException) {
  const auto r = run_command({"codesign-no-such-program"}, 10);
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.output.find("codesign-no-such-program"), std::string::npos);
}

TEST(Command, AHungCommandIsKilledAfterItsTimeLimit) {
  const auto r = run_command({"sleep", "30"}, 0.2);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + 9);
}

}  // namespace
}  // namespace codesign::executor
