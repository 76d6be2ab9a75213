#include "systemc/rtl_runner.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "systemc/sim_job.hpp"
#include "util/json_reader.hpp"
#include "util/process.hpp"

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
    case RtlStatus::kSimFailure:
      break;
  }
  return "simulation_failure";
}

namespace {

fs::path make_work_dir(const RtlRunOptions& o) {
  if (!o.work_dir.empty()) {
    fs::create_directories(o.work_dir);
    return o.work_dir;
  }
  std::string templ = (fs::temp_directory_path() / "codesign-rtl-XXXXXX").string();
  if (!::mkdtemp(templ.data())) throw std::runtime_error("cannot create a temporary directory");
  return templ;
}

std::vector<std::uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RtlRun execute(const BuildCache& cache, const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
               const RtlRunOptions& options, const fs::path& dir) {
  RtlRun run;
  BuildOptions build_options;
  build_options.trace = !options.trace_file.empty();
  build_options.count_activity = options.count_activity;
  const BuildResult build = cache.build(hw.build, build_options);
  run.build_s = build.seconds;
  run.build_cached = build.cached;
  if (!build.ok) {
    run.status = RtlStatus::kBuildFailure;
    run.reason = build.reason;
    return run;
  }

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
  const fs::path job_path = dir / "job.json", out_path = dir / "result.json", log = dir / "sim.log";
  std::ofstream(job_path) << to_json(file).dump();

  const auto t0 = std::chrono::steady_clock::now();
  const util::ProcessResult p =
      util::run_process({build.executable, "--job", job_path.string(), "--out", out_path.string()},
                        log.string(), options.timeout_s);
  run.sim_wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (p.timed_out) {
    run.status = RtlStatus::kTimeout;
    run.reason = "simulator killed after " + std::to_string(options.timeout_s) + " s";
    return run;
  }
  if (p.exit_code != 0 || !fs::exists(out_path)) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 2000) text = text.substr(text.size() - 2000);
    run.status = RtlStatus::kSimFailure;
    run.reason = (p.signal ? "simulator died with signal " + std::to_string(p.signal)
                           : "simulator exited with " + std::to_string(p.exit_code)) +
                 ": " + text;
    return run;
  }

  const auto results =
      sim_results_from_json(util::read_json_file(out_path.string()), out_path.string());
  run.status = RtlStatus::kOk;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    RtlJobResult jr;
    if (i >= results.size()) {
      jr.status = RtlStatus::kSimFailure;
      jr.reason = "not run: an earlier job failed";
    } else {
      const SimJobResult& s = results[i];
      jr.status = s.status == SimStatus::kOk        ? RtlStatus::kOk
                  : s.status == SimStatus::kTimeout ? RtlStatus::kTimeout
                                                    : RtlStatus::kSimFailure;
      jr.reason = s.reason;
      jr.counts = s.counts;
      jr.wall_s = s.wall_s;
      if (jr.status == RtlStatus::kOk)
        for (const DramDump& d : file.jobs[i].dumps) jr.dumps.push_back(read_bytes(d.file));
    }
    if (jr.status != RtlStatus::kOk && run.status == RtlStatus::kOk) {
      run.status = jr.status;
      run.reason = "job " + std::to_string(i) + ": " + jr.reason;
    }
    run.jobs.push_back(std::move(jr));
  }
  return run;
}

}  // namespace

RtlRun run_rtl(const BuildCache& cache, const arch::HwConfig& hw, const std::vector<RtlJob>& jobs,
               const RtlRunOptions& options) {
  fs::path dir;
  RtlRun run;
  try {
    dir = make_work_dir(options);
    run = execute(cache, hw, jobs, options, dir);
  } catch (const std::exception& e) {
    run.status = RtlStatus::kSimFailure;
    run.reason = e.what();
  }
  if (!dir.empty() && !options.keep_work_dir && options.work_dir.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return run;
}

}  // namespace codesign::systemc
