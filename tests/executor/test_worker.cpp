// A worker for the executor tests: run_worker around a handler that does what job.json asks
// (sleep, exit without a result, die by a signal, throw, leave a child running, count runs),
// so the executors can be tested on every way a job ends.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "executor/worker.hpp"

namespace {

nlohmann::json handle(const nlohmann::json& job) {
  if (job.contains("count_file")) {
    std::ofstream(job["count_file"].get<std::string>(), std::ios::app) << "ran\n";
  }
  if (job.contains("child_pid_file")) {
    const pid_t child = ::fork();
    if (child == 0) {
      ::execlp("sleep", "sleep", "300", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::ofstream(job["child_pid_file"].get<std::string>()) << child << "\n";
  }
  if (job.contains("sleep_s"))
    std::this_thread::sleep_for(std::chrono::duration<double>(job["sleep_s"].get<double>()));
  if (job.contains("say")) std::fprintf(stderr, "%s\n", job["say"].get<std::string>().c_str());
  if (job.contains("exit")) std::_Exit(job["exit"].get<int>());
  if (job.contains("signal")) ::raise(job["signal"].get<int>());
  if (job.contains("throw")) throw std::runtime_error(job["throw"].get<std::string>());
  return {{"echo", job.value("echo", nlohmann::json())}, {"pid", ::getpid()}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s JOB_DIR\n", argv[0]);
    return 2;
  }
  return codesign::executor::run_worker(argv[1], handle);
}
