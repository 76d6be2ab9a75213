#include "cli/worker_command.hpp"

#include <memory>
#include <string>

#include "executor/worker.hpp"
#include "regress/run_case.hpp"
#include "study/jobs.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

namespace {

// Every kind of job a worker runs: a study's map and simulate jobs, a regression case.
nlohmann::json run_job(const nlohmann::json& job) {
  const std::string kind = job.is_object() ? job.value("kind", "") : "";
  if (kind == "map" || kind == "simulate") return study::run_job(job);
  if (kind == "regress_case") return regress::run_case_job(job);
  throw util::ConfigError(
      "job.json: kind: expected \"map\", \"simulate\" or \"regress_case\", got \"" + kind + "\"");
}

}  // namespace

void add_worker_command(CLI::App& app, Command& command) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "worker",
      "Run one job directory (JOB_DIR/job.json in, JOB_DIR/result.json out), as the local and "
      "Slurm executors do; not needed by hand. Exit 0 with a result, 2 for a job it cannot "
      "read, 3 when the job could not be done (see its log)");
  cmd->add_option("JOB_DIR", *dir, "the job's directory")->required();
  cmd->callback([dir, &command] {
    command = [dir] {
      switch (executor::run_worker(*dir, run_job)) {
        case executor::kWorkerDone:
          return kSuccess;
        case executor::kWorkerBadJob:
          throw util::ConfigError(*dir + ": not a job this worker can run (see its log)");
        default:
          throw std::runtime_error(*dir + ": the job failed (see its log)");
      }
    };
  });
}

}  // namespace codesign::cli
