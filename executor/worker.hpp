// The worker side of the job contract: what `codesign worker JOB_DIR` does around the work
// itself. Every executor runs the same worker, so a job behaves alike in a local process and
// in a Slurm array task on another node.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace codesign::executor {

// Computes a job's output from its job.json. A failed evaluation that the job's reader
// understands (a mismatch, a simulator timeout) belongs in the output; an exception means the
// job itself could not be done.
using JobHandler = std::function<nlohmann::json(const nlohmann::json& job)>;

// Exit codes of a worker.
constexpr int kWorkerDone = 0;      // result.json written (or already there)
constexpr int kWorkerBadJob = 2;    // job.json missing or not readable
constexpr int kWorkerInternal = 3;  // the handler threw: no result

// Runs the job in `dir`: reads job.json, calls `handler`, writes result.json atomically with
// this host's name and the wall time. A job that already has a result is not run again.
// Errors are written to stderr (the job's log), never thrown, except util::Interrupted (a
// handled signal), which the caller turns into its exit code. A handler signals a job it
// cannot read with util::ConfigError.
int run_worker(const std::string& dir, const JobHandler& handler);

}  // namespace codesign::executor
