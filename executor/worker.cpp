#include "executor/worker.hpp"

#include <chrono>
#include <cstdio>
#include <exception>

#include "executor/job_dir.hpp"
#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::executor {

int run_worker(const std::string& dir, const JobHandler& handler) {
  if (has_result(dir)) {
    std::fprintf(stderr, "worker: %s already has a result; not run again\n", dir.c_str());
    return kWorkerDone;
  }
  nlohmann::json job;
  try {
    job = read_job(dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker: %s\n", e.what());
    return kWorkerBadJob;
  }
  const auto started = std::chrono::system_clock::now();
  const auto t0 = std::chrono::steady_clock::now();
  try {
    JobResult r;
    r.output = handler(job);
    r.host = host_name();
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.started = std::chrono::duration<double>(started.time_since_epoch()).count();
    write_result(dir, r);
    return kWorkerDone;
  } catch (const util::Interrupted&) {
    throw;  // the caller exits with the signal's code
  } catch (const util::ConfigError& e) {
    std::fprintf(stderr, "worker: %s: %s\n", dir.c_str(), e.what());
    return kWorkerBadJob;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker: %s: %s\n", dir.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "worker: %s: unknown exception\n", dir.c_str());
  }
  return kWorkerInternal;
}

}  // namespace codesign::executor
