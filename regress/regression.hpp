// The regression driver: loads a suite and its baselines, runs every selected case on the
// RTL as a job on an executor (local worker processes or Slurm array tasks, each running
// `codesign worker` on the case's job directory), judges each against its baseline, and
// records the run: baselines (only with update_baselines, only for cases that passed
// functionally), the history, JUnit XML and the trend page.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "regress/run_report.hpp"

namespace codesign::regress {

struct RegressOptions {
  std::string suite_file;
  std::string baselines_file;
  std::string history_file;         // "" = keep no history
  std::string junit_file;           // "" = none
  std::string html_file;            // "" = none
  std::string executor = "local";   // or "slurm"
  std::vector<std::string> worker;  // the worker command; a job directory is appended
  std::string job_dir;              // where job directories go ("" = a temporary one); for Slurm, a
                                    // directory this host and the nodes share
  std::string partition;            // Slurm partition ("" = the cluster's default)
  std::size_t jobs = 1;             // cases at once
  std::string filter;               // shell glob over case names ("" = all)
  bool update_baselines = false;
  std::string cache_dir;        // simulator build cache ("" = the default)
  std::size_t trend_runs = 30;  // runs the page's trends show
  // Called in the driver's process as each case is judged, in completion order.
  std::function<void(const CaseReport&, std::size_t done, std::size_t total)> on_case;
};

// Throws util::ConfigError for bad input (a bad suite, baselines or history file, a filter
// that selects nothing, a history another run is writing) before any case runs, and
// util::Interrupted when a signal stops the run (its jobs stopped, nothing recorded). Failed
// cases are in the report, never exceptions. The caller checks the output paths.
RunReport run_regression(const RegressOptions& options);

}  // namespace codesign::regress
