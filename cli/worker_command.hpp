// `codesign worker JOB_DIR`: runs one job directory (executor/job_dir.hpp), whatever executor
// started it, locally or on a Slurm node; the job's "kind" says what it computes.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

void add_worker_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
