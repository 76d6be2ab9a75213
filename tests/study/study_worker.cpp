// `codesign worker` for the study tests: the same handler, without the command line.
#include <cstdio>

#include "executor/worker.hpp"
#include "study/jobs.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s JOB_DIR\n", argv[0]);
    return 2;
  }
  return codesign::executor::run_worker(argv[1], codesign::study::run_job);
}
