#include "executor/slurm_executor.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <thread>

#include "executor/command.hpp"
#include "executor/job_dir.hpp"
#include "executor/slurm_state.hpp"
#include "util/atomic_file.hpp"

namespace codesign::executor {

namespace {

// How long the controller may stay unreachable before following jobs is given up.
constexpr double kUnreachableLimitS = 300;
// Polls that must miss a task before it counts as lost (records change shape as tasks start).
constexpr int kUnseenPollsForLost = 3;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// A word for /bin/sh, single-quoted.
std::string shell_quote(const std::string& word) {
  std::string q = "'";
  for (const char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Slurm's --time, rounded up to whole seconds: D-HH:MM:SS.
std::string slurm_time(double seconds) {
  auto s = static_cast<long long>(std::ceil(seconds));
  char text[48];
  std::snprintf(text, sizeof text, "%lld-%02lld:%02lld:%02lld", s / 86400, s / 3600 % 24,
                s / 60 % 60, s % 60);
  return text;
}

}  // namespace

SlurmExecutor::SlurmExecutor(SlurmOptions options) : options_(std::move(options)) {
  if (options_.worker.empty()) throw std::invalid_argument("slurm executor: no worker command");
  if (options_.slots == 0) throw std::invalid_argument("slurm executor: slots must be at least 1");
  if (options_.script_dir.empty())
    throw std::invalid_argument("slurm executor: no directory for batch scripts");
  std::filesystem::create_directories(options_.script_dir);
  options_.script_dir = std::filesystem::absolute(options_.script_dir).lexically_normal().string();
  // A missing configuration makes clients retry for a minute; a short limit says so sooner.
  const double probe_s = std::min(options_.client_timeout_s, 20.0);
  const CommandOutput ping = run_command({"scontrol", "ping"}, probe_s);
  if (ping.exit_code != 0)
    throw std::runtime_error("slurm: the controller does not answer (scontrol ping): " +
                             trim(ping.output));
  if (!options_.partition.empty()) {
    const CommandOutput p =
        run_command({"scontrol", "-o", "show", "partition", options_.partition}, probe_s);
    if (p.exit_code != 0)
      throw std::invalid_argument("slurm: partition " + options_.partition +
                                  ": not found (scontrol show partition)");
  }
}

SlurmExecutor::~SlurmExecutor() {
  if (tasks_.empty()) return;
  try {
    cancel();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "slurm executor: cancelling outstanding jobs: %s\n", e.what());
  }
}

std::string SlurmExecutor::task_id(const Task& t) {
  return t.array_id + "_" + std::to_string(t.index);
}

std::string SlurmExecutor::submit_array(const std::vector<std::string>& dirs) {
  // Array task i reads its job directory from line i + 1 of a list beside the script.
  const std::string base = options_.script_dir + "/" + options_.job_name + "-" +
                           std::to_string(::getpid()) + "-" + std::to_string(arrays_++);
  std::string list;
  for (const auto& d : dirs) list += d + "\n";
  util::write_file_atomic(base + ".list", list);
  std::string run;
  for (const auto& w : options_.worker) run += shell_quote(w) + " ";
  util::write_file_atomic(
      base + ".sh",
      "#!/bin/sh\n"
      "# Written by codesign's Slurm executor: array task i runs the worker on line i + 1 of\n"
      "# the list, its output appended to the job's log.\n"
      "dir=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " +
          shell_quote(base + ".list") +
          ")\n"
          "[ -n \"$dir\" ] || { echo \"no job for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 3; "
          "}\n"
          "exec " +
          run + "\"$dir\" >>\"$dir/log\" 2>&1\n");

  std::vector<std::string> argv = {
      "sbatch",
      "--parsable",
      "--array=0-" + std::to_string(dirs.size() - 1) + "%" + std::to_string(options_.slots),
      "--job-name=" + options_.job_name,
      "--output=" + base + "-%a.out",
      "--chdir=" + options_.script_dir};
  if (!options_.partition.empty()) argv.push_back("--partition=" + options_.partition);
  if (!options_.time_request.empty())
    argv.push_back("--time=" + options_.time_request);
  else if (options_.time_limit_s > 0)
    argv.push_back("--time=" + slurm_time(options_.time_limit_s));
  argv.insert(argv.end(), options_.sbatch_args.begin(), options_.sbatch_args.end());
  argv.push_back(base + ".sh");
  const CommandOutput out = run_command(argv, options_.client_timeout_s);
  // --parsable prints "ARRAY_ID" or "ARRAY_ID;CLUSTER" as its last line.
  std::string last;
  for (std::size_t begin = 0; begin < out.output.size();) {
    const std::size_t end = std::min(out.output.find('\n', begin), out.output.size());
    if (const std::string line = trim(out.output.substr(begin, end - begin)); !line.empty())
      last = line;
    begin = end + 1;
  }
  const std::string id = last.substr(0, last.find(';'));
  if (out.exit_code != 0 || id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("slurm: sbatch failed: " + trim(out.output));
  return id;
}

void SlurmExecutor::submit(const std::vector<std::string>& job_dirs) {
  std::vector<std::string> fresh;
  std::map<std::string, std::vector<Task>> adopted;  // by array id
  for (const std::string& d : job_dirs) {
    const std::string dir = std::filesystem::absolute(d).lexically_normal().string();
    if (has_result(dir)) {
      JobEnd end = collected_end(dir);
      end.dir = d;
      ended_.push_back(std::move(end));
      continue;
    }
    const auto s = read_submission(dir);
    const auto underscore = s ? s->job_id.find('_') : std::string::npos;
    if (s && s->executor == name() && underscore != std::string::npos) {
      Task t{d, s->job_id.substr(0, underscore), std::stol(s->job_id.substr(underscore + 1))};
      adopted[t.array_id].push_back(t);
    } else {
      fresh.push_back(dir);
    }
  }
  // A task an earlier driver submitted is followed if Slurm still knows it; otherwise it
  // never finished (it has no result) and runs again.
  for (auto& [array, tasks] : adopted) {
    const CommandOutput out =
        run_command({"scontrol", "-o", "show", "job", array}, options_.client_timeout_s);
    std::set<long> known;
    if (out.exit_code == 0)
      for (const SlurmRecord& r : parse_scontrol_jobs(out.output))
        known.insert(r.tasks.begin(), r.tasks.end());
    for (Task& t : tasks) {
      if (known.count(t.index))
        tasks_[task_id(t)] = t;
      else
        fresh.push_back(std::filesystem::absolute(t.dir).lexically_normal().string());
    }
  }
  // Directories as the caller named them, for the ends.
  std::map<std::string, std::string> named;
  for (const std::string& d : job_dirs) named[std::filesystem::absolute(d).lexically_normal()] = d;
  for (const std::string& dir : fresh) held_.push_back({named.at(dir), dir});
  submit_held();
}

void SlurmExecutor::submit_held() {
  const std::size_t free = tasks_.size() < options_.slots ? options_.slots - tasks_.size() : 0;
  const std::size_t n = std::min(free, held_.size());
  if (n == 0) return;
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < n; ++i) dirs.push_back(held_[i].absolute);
  const std::string array = submit_array(dirs);
  for (std::size_t i = 0; i < n; ++i) {
    Task t{held_.front().named, array, static_cast<long>(i)};
    write_submission(held_.front().absolute, {name(), task_id(t)});
    tasks_[task_id(t)] = t;
    held_.pop_front();
  }
}

void SlurmExecutor::end_task(const Task& t, JobEnd end) {
  end.dir = t.dir;
  end.where.executor = name();
  end.where.job_id = task_id(t);
  if (end.kind == EndKind::cancelled && t.cancelling) {
    // Cancelled at the driver's request: a later run starts it afresh.
    std::error_code ignored;
    std::filesystem::remove(submission_file(t.dir), ignored);
  }
  ended_.push_back(std::move(end));
}

void SlurmExecutor::poll() {
  last_poll_ = Clock::now();
  std::map<std::string, std::vector<std::string>> by_array;  // array id → task ids
  for (const auto& [id, t] : tasks_) by_array[t.array_id].push_back(id);
  std::vector<std::string> over_time;
  for (const auto& [array, ids] : by_array) {
    const CommandOutput out =
        run_command({"scontrol", "-o", "show", "job", array}, options_.client_timeout_s);
    const bool forgotten = out.output.find("Invalid job id") != std::string::npos;
    if (out.exit_code != 0 && !forgotten) {
      // The controller is busy or restarting: try again at the next poll, within reason.
      if (unreachable_since_ == Clock::time_point{}) unreachable_since_ = Clock::now();
      if (std::chrono::duration<double>(Clock::now() - unreachable_since_).count() >
          kUnreachableLimitS)
        throw std::runtime_error("slurm: cannot follow jobs, scontrol has failed for " +
                                 std::to_string(static_cast<int>(kUnreachableLimitS)) +
                                 " s: " + trim(out.output));
      continue;
    }
    unreachable_since_ = {};
    std::map<long, SlurmRecord> by_task;
    if (!forgotten)
      for (SlurmRecord& r : parse_scontrol_jobs(out.output))
        for (const long task : r.tasks) by_task[task] = r;
    for (const std::string& id : ids) {
      Task& t = tasks_.at(id);
      const auto found = by_task.find(t.index);
      if (found == by_task.end()) {
        if (!forgotten && ++t.unseen_polls < kUnseenPollsForLost) continue;
        Placement where{name(), "", id, 0};
        JobEnd end = end_after_exit(t.dir, "", where);
        if (end.kind != EndKind::done) {
          end.kind = EndKind::lost;
          end.reason = "Slurm no longer knows the job and it left no result";
        }
        end_task(t, std::move(end));
        tasks_.erase(id);
        continue;
      }
      const SlurmRecord& r = found->second;
      t.unseen_polls = 0;
      if (slurm_state_is_active(r.state)) {
        if (options_.time_limit_s > 0 && r.state == "RUNNING" &&
            r.run_time_s > options_.time_limit_s && !t.over_time && !t.cancelling) {
          t.over_time = true;
          over_time.push_back(id);
        }
        continue;
      }
      JobEnd end = slurm_end(r);
      if (has_result(t.dir)) {
        end = end_after_exit(t.dir, "", end.where);
      } else if (t.cancelling) {
        end.kind = EndKind::cancelled;
        end.reason = "cancelled by the driver";
      } else if (t.over_time) {
        char reason[120];
        std::snprintf(reason, sizeof reason,
                      "over the time limit of %g s (stopped by the driver's watchdog)",
                      options_.time_limit_s);
        end.kind = EndKind::timed_out;
        end.reason = reason;
      } else if (end.kind == EndKind::done || end.kind == EndKind::failed) {
        end = end_after_exit(
            t.dir,
            end.kind == EndKind::done ? "worker exited without writing result.json" : end.reason,
            end.where);
      }
      end_task(t, std::move(end));
      tasks_.erase(id);
    }
  }
  if (!over_time.empty()) scancel(over_time);
}

void SlurmExecutor::scancel(const std::vector<std::string>& ids) {
  std::vector<std::string> argv = {"scancel"};
  argv.insert(argv.end(), ids.begin(), ids.end());
  const CommandOutput out = run_command(argv, options_.client_timeout_s);
  if (out.exit_code != 0)
    std::fprintf(stderr, "slurm executor: scancel: %s\n", trim(out.output).c_str());
}

std::vector<JobEnd> SlurmExecutor::wait(double timeout_s) {
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(timeout_s));
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(options_.poll_interval_s));
  submit_held();
  while (ended_.empty() && !tasks_.empty()) {
    const auto next_poll = last_poll_ + std::chrono::duration_cast<Clock::duration>(interval);
    if (Clock::now() >= next_poll) {
      poll();
      submit_held();  // into the slots of the tasks that ended
      continue;
    }
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_until(std::min(next_poll, deadline));
  }
  return std::exchange(ended_, {});
}

void SlurmExecutor::cancel() {
  std::deque<std::string> never_submitted;
  for (const Held& h : held_) never_submitted.push_back(h.named);
  held_.clear();
  for (JobEnd& end : cancelled_before_start(never_submitted, name()))
    ended_.push_back(std::move(end));
  if (tasks_.empty()) return;
  std::set<std::string> arrays;
  for (auto& [id, t] : tasks_) {
    t.cancelling = true;
    arrays.insert(t.array_id);
  }
  // Each array is this executor's own: cancelling it whole also drops its queued tasks.
  scancel({arrays.begin(), arrays.end()});
  // Return once Slurm no longer runs any of them.
  const auto give_up = Clock::now() + std::chrono::duration<double>(options_.client_timeout_s);
  while (!tasks_.empty() && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    poll();
  }
  for (const auto& [id, t] : tasks_) {
    JobEnd end;
    end.kind = EndKind::cancelled;
    end.reason = "cancelled by the driver; Slurm had not confirmed it after " +
                 std::to_string(static_cast<int>(options_.client_timeout_s)) + " s";
    end_task(t, std::move(end));
  }
  tasks_.clear();
}

}  // namespace codesign::executor
