#include "executor/job_dir.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/atomic_file.hpp"

namespace codesign::executor {

namespace {

std::optional<nlohmann::json> read_json_if_there(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
}

}  // namespace

std::string job_file(const std::string& dir) { return dir + "/job.json"; }
std::string result_file(const std::string& dir) { return dir + "/result.json"; }
std::string log_file(const std::string& dir) { return dir + "/log"; }
std::string submission_file(const std::string& dir) { return dir + "/submission.json"; }

void write_job(const std::string& dir, const nlohmann::json& job) {
  std::filesystem::create_directories(dir);
  util::write_file_atomic(job_file(dir), job.dump());
}

nlohmann::json read_job(const std::string& dir) {
  auto job = read_json_if_there(job_file(dir));
  if (!job) throw std::runtime_error(job_file(dir) + ": cannot read");
  return std::move(*job);
}

bool has_result(const std::string& dir) { return ::access(result_file(dir).c_str(), F_OK) == 0; }

void write_result(const std::string& dir, const JobResult& r) {
  const nlohmann::json j = {
      {"output", r.output}, {"host", r.host}, {"wall_s", r.wall_s}, {"started", r.started}};
  util::write_file_atomic(result_file(dir), j.dump());
}

std::optional<JobResult> read_result(const std::string& dir) {
  const auto j = read_json_if_there(result_file(dir));
  if (!j) return std::nullopt;
  try {
    return JobResult{j->at("output"), j->at("host").get<std::string>(),
                     j->at("wall_s").get<double>(), j->at("started").get<double>()};
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(result_file(dir) + ": not a job result: " + e.what());
  }
}

void write_submission(const std::string& dir, const Submission& s) {
  util::write_file_atomic(submission_file(dir),
                          nlohmann::json{{"executor", s.executor}, {"job_id", s.job_id}}.dump());
}

std::optional<Submission> read_submission(const std::string& dir) {
  const auto j = read_json_if_there(submission_file(dir));
  if (!j) return std::nullopt;
  try {
    return Submission{j->at("executor").get<std::string>(), j->at("job_id").get<std::string>()};
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(submission_file(dir) + ": not a submission record: " + e.what());
  }
}

std::string last_log_line(const std::string& dir) {
  std::ifstream in(log_file(dir), std::ios::binary);
  if (!in) return "";
  // Only the tail matters; a worker's log can be long.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(std::max<std::streamoff>(0, size - 4096));
  std::string line, last;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  if (last.size() > 300) last = last.substr(0, 297) + "...";
  return last;
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

}  // namespace codesign::executor
