// The exit-code contract, in the one place that enforces it: what a command returns or
// throws becomes 0, 1, 2, 3 or 128 + the signal, with the message said the same way.
#include "cli/exit_codes.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <new>
#include <stdexcept>

#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {
namespace {

// The exit code and what was printed on stderr.
std::pair<int, std::string> outcome(const Command& command) {
  ::testing::internal::CaptureStderr();
  const int code = run_command(command);
  return {code, ::testing::internal::GetCapturedStderr()};
}

TEST(ExitCodes, EveryOutcomeHasItsCode) {
  EXPECT_EQ(outcome([] { return kSuccess; }), std::make_pair(0, std::string()));
  EXPECT_EQ(outcome([] { return kFailed; }), std::make_pair(1, std::string()));
  EXPECT_EQ(outcome([]() -> ExitCode { throw util::ConfigError("hw.json: rows: bad"); }),
            std::make_pair(2, std::string("error: hw.json: rows: bad\n")));
  const auto [internal, said] =
      outcome([]() -> ExitCode { throw std::logic_error("index out of range"); });
  EXPECT_EQ(internal, 3);
  EXPECT_EQ(said.rfind("internal error: index out of range", 0), 0u) << said;
  EXPECT_EQ(outcome([]() -> ExitCode { throw std::bad_alloc(); }).first, 3);
  EXPECT_EQ(outcome([]() -> ExitCode { throw 42; }).first, 3);
  EXPECT_EQ(outcome([]() -> ExitCode { throw util::Interrupted(SIGINT); }).first, 130);
  EXPECT_EQ(outcome([]() -> ExitCode { throw util::Interrupted(SIGTERM); }).first, 143);
}

}  // namespace
}  // namespace codesign::cli
