#include "executor/slurm_state.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>

namespace codesign::executor {

namespace {

// The value of " Key=" in a one-line record ("" if absent). Values of the fields read here
// never hold spaces.
std::string field(const std::string& line, const std::string& key) {
  const std::string needle = key + "=";
  std::size_t at = 0;
  for (;;) {
    at = line.find(needle, at);
    if (at == std::string::npos) return "";
    if (at == 0 || line[at - 1] == ' ') break;
    at += needle.size();
  }
  const std::size_t begin = at + needle.size();
  return line.substr(begin, line.find(' ', begin) - begin);
}

long to_long(const std::string& text, const std::string& what) {
  std::size_t used = 0;
  const long v = std::stol(text, &used);
  if (used != text.size()) throw std::invalid_argument(what + ": not a number: " + text);
  return v;
}

}  // namespace

double parse_slurm_duration(const std::string& text) {
  static const std::regex form(R"((?:(\d+)-)?(?:(\d+):)?(\d+):(\d+))");
  std::smatch m;
  if (!std::regex_match(text, m, form))
    throw std::invalid_argument("not a Slurm duration: " + text);
  const auto part = [&](int i) { return m[i].matched ? std::stod(m[i].str()) : 0.0; };
  return part(1) * 86400 + part(2) * 3600 + part(3) * 60 + part(4);
}

std::vector<long> parse_array_tasks(const std::string& text) {
  std::vector<long> tasks;
  std::stringstream list(text.substr(0, text.find('%')));
  std::string item;
  while (std::getline(list, item, ',')) {
    const auto dash = item.find('-');
    if (dash == std::string::npos) {
      tasks.push_back(to_long(item, "array task"));
      continue;
    }
    const long first = to_long(item.substr(0, dash), "array task");
    const long last = to_long(item.substr(dash + 1), "array task");
    for (long t = first; t <= last; ++t) tasks.push_back(t);
  }
  return tasks;
}

std::vector<SlurmRecord> parse_scontrol_jobs(const std::string& text) {
  std::vector<SlurmRecord> records;
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (field(line, "JobId").empty() || field(line, "JobState").empty()) continue;
    SlurmRecord r;
    r.array_job_id = field(line, "ArrayJobId");
    const std::string tasks = field(line, "ArrayTaskId");
    if (r.array_job_id.empty() || tasks.empty()) continue;  // not an array task
    r.tasks = parse_array_tasks(tasks);
    r.state = field(line, "JobState");
    r.reason = field(line, "Reason");
    const std::string exit = field(line, "ExitCode");
    if (const auto colon = exit.find(':'); colon != std::string::npos) {
      r.exit_code = std::stoi(exit.substr(0, colon));
      r.exit_signal = std::stoi(exit.substr(colon + 1));
    }
    const std::string run_time = field(line, "RunTime");
    if (!run_time.empty()) r.run_time_s = parse_slurm_duration(run_time);
    r.host = field(line, "BatchHost");
    const std::string nodes = field(line, "NodeList");
    if (r.host.empty() && nodes != "(null)") r.host = nodes;
    records.push_back(std::move(r));
  }
  return records;
}

bool slurm_state_is_active(const std::string& state) {
  static const char* const active[] = {"PENDING",      "RUNNING",   "SUSPENDED", "COMPLETING",
                                       "CONFIGURING",  "RESIZING",  "REQUEUED",  "REQUEUE_FED",
                                       "REQUEUE_HOLD", "SIGNALING", "STAGE_OUT", "STOPPED"};
  for (const char* s : active)
    if (state == s) return true;
  return false;
}

JobEnd slurm_end(const SlurmRecord& r) {
  JobEnd end;
  end.where.host = r.host;
  end.where.wall_s = r.run_time_s;
  if (r.state == "COMPLETED") {
    end.kind = EndKind::done;
  } else if (r.state == "TIMEOUT") {
    end.kind = EndKind::timed_out;
    end.reason = "Slurm stopped it at its time limit (TIMEOUT)";
  } else if (r.state == "CANCELLED") {
    end.kind = EndKind::cancelled;
    end.reason = "cancelled outside the study (CANCELLED: scancel or an administrator)";
  } else if (r.state == "NODE_FAIL") {
    end.kind = EndKind::failed;
    end.reason = "its node failed (NODE_FAIL)";
  } else if (r.state == "OUT_OF_MEMORY") {
    end.kind = EndKind::failed;
    end.reason = "out of memory (OUT_OF_MEMORY)";
  } else if (r.state == "FAILED") {
    end.kind = EndKind::failed;
    end.reason = r.exit_signal ? "worker killed by signal " + std::to_string(r.exit_signal)
                               : "worker exited with status " + std::to_string(r.exit_code);
    end.reason += " (FAILED)";
  } else {
    end.kind = EndKind::failed;
    end.reason = "Slurm ended it: " + r.state +
                 (r.reason.empty() || r.reason == "None" ? std::string() : " (" + r.reason + ")");
  }
  return end;
}

}  // namespace codesign::executor
