// `codesign worker JOB_DIR`: runs one job of a study (study/jobs.hpp) in its directory,
// as every executor does, locally or on a Slurm node.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace codesign::cli {

void add_worker_command(CLI::App& app, Command& command);

}  // namespace codesign::cli
