// The job contract: a job is a directory.
//   job.json         what to compute, written by whoever submits the job (opaque here)
//   result.json      the worker's answer, written atomically once it is done:
//                    {"output": ..., "host": "...", "wall_s": s, "started": unix_time}
//   log              the worker's stdout and stderr, appended
//   submission.json  which executor took the job and its id there, so that a driver that
//                    restarts can find the job again: {"executor": "...", "job_id": "..."}
// A result is written whole or not at all, so its presence means the job is done, whichever
// process, host or run of the driver ran it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace codesign::executor {

std::string job_file(const std::string& dir);
std::string result_file(const std::string& dir);
std::string log_file(const std::string& dir);
std::string submission_file(const std::string& dir);

// Creates `dir` (and its parents) and writes job.json atomically.
void write_job(const std::string& dir, const nlohmann::json& job);

// The job's input; throws std::runtime_error naming the file if it is missing or malformed.
nlohmann::json read_job(const std::string& dir);

bool has_result(const std::string& dir);

// What a worker writes: the job's output and where and how long it ran.
struct JobResult {
  nlohmann::json output;
  std::string host;
  double wall_s = 0;
  double started = 0;  // seconds since the epoch
};

void write_result(const std::string& dir, const JobResult& result);

// The result, or nothing when the job is not done; throws std::runtime_error naming the file
// if a result is there but malformed.
std::optional<JobResult> read_result(const std::string& dir);

struct Submission {
  std::string executor;
  std::string job_id;
};

void write_submission(const std::string& dir, const Submission& submission);
std::optional<Submission> read_submission(const std::string& dir);

// The last non-empty line of the job's log (at most 300 characters), "" if none: what a
// failed worker said last.
std::string last_log_line(const std::string& dir);

// This machine's host name.
std::string host_name();

}  // namespace codesign::executor
