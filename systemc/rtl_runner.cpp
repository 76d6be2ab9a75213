#include "systemc/rtl_runner.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "systemc/seconds_text.hpp"
#include "systemc/sim_job.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"
#include "util/process.hpp"
#include "util/temp_dir.hpp"
#include "util/text_file.hpp"

namespace codesign::systemc {

namespace fs = std::filesystem;

const char* to_string(RtlStatus s) {
  switch (s) {
    case RtlStatus::kOk:
      return "ok";
    case RtlStatus::kBuildFailure:
      return "build_failure";
    case RtlStatus::kTimeout:
      return "timeout";
    case RtlStatus::kNotRun:
      return "not_run";
    case RtlStatus::kSimFailure:
      break;
  }
  return "simulation_failure";
}

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The job file and DRAM images in `dir`; returns the job file as the simulator reads it.
SimJobFile write_jobs(const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
                      const RtlRunOptions& options, const fs::path& dir) {
  SimJobFile file;
  file.hw = hw;
  file.trace_file = options.trace_file;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const RtlJob& j = jobs[i];
    SimJob s;
    s.program_file = (dir / ("program" + std::to_string(i) + ".bin")).string();
    write_program_file(s.program_file, j.program);
    s.dram_image = (dir / ("dram" + std::to_string(i) + ".bin")).string();
    s.dram_bytes = static_cast<std::uint32_t>(j.dram.size());
    std::ofstream(s.dram_image, std::ios::binary)
        .write(reinterpret_cast<const char*>(j.dram.data()),
               static_cast<std::streamsize>(j.dram.size()));
    for (std::size_t d = 0; d < j.dumps.size(); ++d)
      s.dumps.push_back(
          {j.dumps[d].first, j.dumps[d].second,
           (dir / ("dump" + std::to_string(i) + "_" + std::to_string(d) + ".bin")).string()});
    s.stall_probability = j.stall_probability;
    s.seed = j.seed;
    s.max_cycles = j.max_cycles;
    file.jobs.push_back(std::move(s));
  }
  std::ofstream(dir / "job.json") << to_json(file).dump();
  return file;
}

// Runs the simulator on the job file in `dir` within `timeout_s` and fills `run`: every job
// the simulator finished (it writes its results after each one) with its own outcome; the
// job running when it was killed or crashed with that; the rest as not run.
void simulate(const std::string& executable, const SimJobFile& file, double timeout_s,
              const fs::path& dir, RtlRun& run) {
  const fs::path job_path = dir / "job.json", out_path = dir / "result.json", log = dir / "sim.log";
  const auto t0 = Clock::now();
  const util::ProcessResult p =
      util::run_process({executable, "--job", job_path.string(), "--out", out_path.string()},
                        log.string(), timeout_s);
  run.sim_wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const std::vector<SimJobResult> results =
      fs::exists(out_path)
          ? sim_results_from_json(util::read_json_file(out_path.string()), out_path.string())
          : std::vector<SimJobResult>{};
  const bool ended_well = p.succeeded();
  // Why the job in flight, if any, did not finish.
  std::string cut;
  if (p.timed_out) {
    cut = "killed at the time limit while running, after " + seconds_text(run.sim_wall_s) +
          " of simulation";
  } else if (!ended_well) {
    std::string tail = util::tail_lines(log.string(), 20);
    if (tail.size() > 2000) tail = tail.substr(tail.size() - 2000);
    cut =
        (p.signal ? "simulator " + executable + " died with signal " + std::to_string(p.signal) +
                        " (" + ::strsignal(p.signal) + ")"
                  : "simulator " + executable + " exited with " + std::to_string(p.exit_code)) +
        "; if it fails again, remove " + fs::path(executable).parent_path().string() +
        " so that it is rebuilt, and report it with this log if the rebuilt one fails too: " + tail;
  }
  run.status = RtlStatus::kOk;
  std::string not_run = "the simulator gave no result";
  for (std::size_t i = 0; i < file.jobs.size(); ++i) {
    RtlJobResult jr;
    if (i < results.size()) {
      const SimJobResult& s = results[i];
      jr.status = s.status == SimStatus::kOk        ? RtlStatus::kOk
                  : s.status == SimStatus::kTimeout ? RtlStatus::kTimeout
                                                    : RtlStatus::kSimFailure;
      jr.reason = s.reason;
      jr.counts = s.counts;
      jr.wall_s = s.wall_s;
      if (jr.status == RtlStatus::kOk)
        for (const DramDump& d : file.jobs[i].dumps) jr.dumps.push_back(read_bytes(d.file));
    } else if (!cut.empty() && i == results.size()) {
      jr.status = p.timed_out ? RtlStatus::kTimeout : RtlStatus::kSimFailure;
      jr.reason = cut;
    } else {
      jr.status = RtlStatus::kNotRun;
      jr.reason = not_run;
    }
    if (jr.status != RtlStatus::kOk && jr.status != RtlStatus::kNotRun)
      not_run = p.timed_out ? "the time limit was reached" : "an earlier job failed";
    if (jr.status != RtlStatus::kOk && run.status == RtlStatus::kOk) {
      run.status = jr.status == RtlStatus::kNotRun ? RtlStatus::kSimFailure : jr.status;
      run.reason = "job " + std::to_string(i) + ": " + jr.reason;
    }
    run.jobs.push_back(std::move(jr));
  }
}

}  // namespace

RtlRun run_rtl(const BuildCache& cache, const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
               const RtlRunOptions& options) {
  const auto t0 = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  auto seconds_left = [&] {
    return options.timeout_s > 0 ? std::max(options.timeout_s - elapsed(), 1e-3) : 0.0;
  };
  RtlRun run;
  // The time limit ended the run before the simulator started: no job ran.
  auto out_of_time = [&](const std::string& why) {
    run.status = RtlStatus::kTimeout;
    run.reason = why + "; no job ran";
    for (std::size_t i = 0; i < jobs.size(); ++i)
      run.jobs.push_back({RtlStatus::kNotRun, run.reason, {}, {}, 0});
    return run;
  };
  BuildOptions build_options;
  build_options.trace = !options.trace_file.empty();
  build_options.count_activity = options.count_activity;
  build_options.assertions = options.assertions;
  const BuildResult build = cache.build(hw.build, build_options, seconds_left());
  run.build_s = build.seconds;
  run.build_cached = build.cached;
  if (build.timed_out) return out_of_time(build.reason);
  if (!build.ok) {
    run.status = RtlStatus::kBuildFailure;
    run.reason = build.reason;
    return run;
  }
  try {
    std::optional<util::TempDir> temp;
    fs::path dir = options.work_dir;
    if (dir.empty()) {
      temp.emplace("codesign-rtl");
      if (options.keep_work_dir) temp->keep();
      dir = temp->path();
    } else {
      fs::create_directories(dir);
    }
    const SimJobFile file = write_jobs(hw, jobs, options, dir);
    if (options.timeout_s > 0 && elapsed() >= options.timeout_s)
      return out_of_time("the time limit was reached while writing the job files");
    util::throw_if_interrupted();
    simulate(build.executable, file, seconds_left(), dir, run);
  } catch (const util::ConfigError&) {
    throw;
  } catch (const util::Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    run.status = RtlStatus::kSimFailure;
    run.reason = e.what();
  }
  return run;
}

}  // namespace codesign::systemc
