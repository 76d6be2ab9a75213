#include "cli/worker_command.hpp"

#include <memory>
#include <string>

#include "executor/worker.hpp"
#include "study/jobs.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

void add_worker_command(CLI::App& app, Command& command) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "worker",
      "Run one job of a study: reads JOB_DIR/job.json, writes JOB_DIR/result.json (what the "
      "local and Slurm executors run; not needed by hand)");
  cmd->add_option("job_dir", *dir, "the job's directory")->required();
  cmd->callback([dir, &command] {
    command = [dir] {
      switch (executor::run_worker(*dir, study::run_job)) {
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
