#include "cli/worker_command.hpp"

#include <memory>

#include "executor/worker.hpp"
#include "regress/run_case.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

// Every kind of job a worker runs.
nlohmann::json run_job(const nlohmann::json& job) {
  const std::string kind = job.is_object() ? job.value("kind", "") : "";
  if (kind == "regress_case") return regress::run_case_job(job);
  throw util::ConfigError("job.json: kind: expected \"regress_case\", got \"" + kind + "\"");
}

}  // namespace

void add_worker_command(CLI::App& app, Command& command) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "worker",
      "Run one job directory (job.json in, result.json out), as the local and Slurm executors "
      "do. Exit 0 with a result, 2 for an unreadable job, 3 when the job could not be done.");
  cmd->add_option("JOB_DIR", *dir, "the job's directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  // The worker's own exit codes (executor/worker.hpp) are the contract's 0, 2 and 3.
  cmd->callback([dir, &command] {
    command = [dir] { return static_cast<ExitCode>(executor::run_worker(*dir, run_job)); };
  });
}

}  // namespace codesign::cli
