// The regression history: one SQLite file, each run appended in one transaction (date, suite,
// the tool's and RTL sources' revisions; per case its outcome, status and metrics), read back
// for the trend page. A file of another schema is refused, not migrated.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "regress/run_report.hpp"
#include "util/pid_lock.hpp"

struct sqlite3;

namespace codesign::regress {

struct HistoryRun {
  std::int64_t id = 0;
  std::string suite;
  Provenance provenance;
  std::size_t cases = 0, failures = 0;
  double wall_s = 0;
};

struct HistoryResult {
  std::int64_t run = 0;
  std::string name, variant;
  Outcome outcome = Outcome::kError;
  std::string status;   // the run's status: "ok", "mismatch", "timeout", ...
  std::string message;  // the verdict's one line
  bool failed = false;
  std::map<Metric, double> metrics;
  double wall_s = 0;
};

class History {
 public:
  // Opens or creates the file, as its one writer; throws util::ConfigError if another
  // process is writing it, std::runtime_error naming it if it cannot be opened or holds
  // another schema.
  explicit History(const std::string& path);
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Appends the run and its cases atomically; returns the run's id.
  std::int64_t append(const RunReport& run);
  // The last `n` runs of `suite`, oldest first.
  std::vector<HistoryRun> last_runs(const std::string& suite, std::size_t n) const;
  // Every case result of the runs of `suite` from run `first_run` on, in run order.
  std::vector<HistoryResult> results(const std::string& suite, std::int64_t first_run) const;
  const std::string& path() const { return path_; }

 private:
  void exec(const std::string& sql) const;

  std::string path_;
  std::unique_ptr<util::PidLock> lock_;
  sqlite3* db_ = nullptr;
};

}  // namespace codesign::regress
