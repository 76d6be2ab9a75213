// The simulator's job codec: a program travels as a binary file of encoded commands and
// comes back equal; a damaged file or a field the encoding cannot hold is an error.
#include "systemc/sim_job.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "util/json_reader.hpp"

namespace codesign::systemc {
namespace {

using arch::BufferId;
using arch::Command;
using arch::Dataflow;

arch::Program sample_program() {
  return {Command::load(BufferId::kInput, 3, 0x12345678u, 17, 16, 2, 4096),
          Command::load(BufferId::kWeight, 0xFFFF, 0xFFFFFFFFu, 0xFFFF, 0xFFFF, 0xFFFF, 7),
          Command::compute(Dataflow::kWeightStationary, 1, 2, 3, 16, 15, 14, true, true),
          Command::compute(Dataflow::kOutputStationary, 0, 0, 0, 1, 1, 1, false, false),
          Command::sync(),
          Command::store(9, 0xABCDEFu, 5, 16, 1, 64)};
}

std::string temp_file(const char* name) {
  return "/tmp/codesign-simjob-" + std::to_string(::getpid()) + "-" + name;
}

TEST(SimJob, ProgramFileRoundTrips) {
  const std::string path = temp_file("program.bin");
  write_program_file(path, sample_program());
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  EXPECT_EQ(in.tellg(), static_cast<std::streamoff>(24 * sample_program().size()));
  EXPECT_EQ(read_program_file(path), sample_program());
  std::remove(path.c_str());
}

TEST(SimJob, JobFileCarriesTheProgramByFileOrInline) {
  const std::string path = temp_file("program2.bin");
  SimJobFile f;
  SimJob by_file, inline_job;
  by_file.program = inline_job.program = sample_program();
  by_file.program_file = path;
  by_file.dram_bytes = inline_job.dram_bytes = 64;
  write_program_file(path, by_file.program);
  f.jobs = {by_file, inline_job};
  const nlohmann::json j = to_json(f);
  EXPECT_FALSE(j["jobs"][0].contains("program"));
  EXPECT_EQ(j["jobs"][0]["program_file"], path);
  EXPECT_TRUE(j["jobs"][1].contains("program"));
  const SimJobFile back = sim_job_file_from_json(j, "job.json");
  ASSERT_EQ(back.jobs.size(), 2u);
  EXPECT_EQ(back.jobs[0].program, sample_program());
  EXPECT_EQ(back.jobs[1].program, sample_program());
  std::remove(path.c_str());
}

TEST(SimJob, ADamagedProgramFileIsAnErrorNamingIt) {
  const std::string path = temp_file("damaged.bin");
  std::ofstream(path, std::ios::binary) << std::string(25, '\0');
  try {
    read_program_file(path);
    FAIL() << "a truncated program was accepted";
  } catch (const util::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
  EXPECT_THROW(read_program_file(path), util::ConfigError);
}

TEST(SimJob, AFieldTheEncodingCannotHoldIsRefused) {
  const arch::Program too_wide = {
      Command::load(BufferId::kInput, 0x10000, 0, 1, 16, 1, 16)};  // spad_addr is 16 bits
  EXPECT_THROW(write_program_file(temp_file("wide.bin"), too_wide), std::invalid_argument);
  std::remove(temp_file("wide.bin").c_str());
}

}  // namespace
}  // namespace codesign::systemc
