// A study on disk: one SQLite file, no server. Every trial is written in its own
// transaction when it completes, so a crash or `kill -9` at any moment loses no completed
// trial; reopening the file continues the study. A study is created whole or not at all,
// has one writer at a time (a lock file "<study>-lock" names it), and a file that is not a
// study is refused before anything is written to it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "util/pid_lock.hpp"

struct sqlite3;

namespace codesign::store {

// What listings need of a trial (the report's plots and tables): typed columns only, read
// without decoding the trial's parameters and result.
struct TrialSummary {
  std::int64_t id = 0;    // assigned by the store
  std::string algorithm;  // "bo", "random", ...
  std::string fidelity;   // "model" or "rtl"
  std::string status;     // "ok", "infeasible", "build_failure", "timeout", ...
  std::string reason;
  bool feasible = false;
  double objective = 0;  // EDP (J·s) when feasible
  double energy_pj = 0;  // when feasible, objective = energy × delay
  double delay_s = 0;
  std::string design;       // one line naming the hardware point
  double wall_s = 0;        // evaluation time
  std::int64_t parent = 0;  // for an RTL confirmation: the model trial it confirms
  double area_mm2 = 0;      // the design's area when the study has an area model, else 0
};

// One evaluated point. `params` and `result` are free-form JSON owned by the caller (the
// hardware point and mappings; metrics and counts), stored compressed: a ResNet-50 trial's
// JSON is ~22 KB, of which deflate keeps about a sixth.
struct Trial : TrialSummary {
  nlohmann::json params = nlohmann::json::object();
  nlohmann::json result = nlohmann::json::object();
};

class StudyStore {
 public:
  enum class Access {
    kRead,   // queries only: any number of readers, also while a writer works
    kWrite,  // one writer per study: a second one is refused with "in use by pid N"
  };

  // Creates a new study at `path` with its study-level settings (`meta`), atomically: the
  // file appears complete or not at all (a full disk leaves nothing). Refuses an existing
  // path. The study is opened for writing.
  static std::unique_ptr<StudyStore> create(const std::string& path,
                                            const std::map<std::string, std::string>& meta);
  // Opens an existing study. Throws util::ConfigError naming the file, before anything
  // is written, if it is missing, not a regular file, empty, not an SQLite database, a
  // database of another schema (another codesign version, or not a study), or damaged
  // (SQLite's quick_check); for kWrite also if another process writes it.
  StudyStore(const std::string& path, Access access);
  ~StudyStore();
  StudyStore(const StudyStore&) = delete;
  StudyStore& operator=(const StudyStore&) = delete;

  // Study-level settings (seed, workload hash, space, ...), checked on resume by the caller.
  std::optional<std::string> meta(const std::string& key) const;

  // Writes one trial atomically; returns its id. Needs Access::kWrite.
  std::int64_t add(const Trial& t);
  std::vector<Trial> trials() const;            // in id order, JSON decoded
  std::vector<TrialSummary> summaries() const;  // in id order, no JSON decoded: cheap at scale
  // The trials whose `parent` is `parent` (its RTL confirmations), in id order.
  std::vector<Trial> children(std::int64_t parent) const;
  std::int64_t count() const;
  // The feasible trial with the lowest objective at `fidelity` ("" = any).
  std::optional<Trial> best(const std::string& fidelity = "") const;
  // The study's answer: the model trial whose RTL confirmation has the best EDP, else (when
  // nothing was confirmed) the best model trial.
  std::optional<Trial> best_design() const;
  std::optional<Trial> get(std::int64_t id) const;
  const std::string& path() const { return path_; }

 private:
  StudyStore(const std::string& path, Access access, std::unique_ptr<util::PidLock> lock);
  void check_schema_and_pages();
  [[noreturn]] void fail(const std::string& what) const;
  void exec(const std::string& sql) const;
  std::int64_t scalar(const std::string& sql) const;
  std::vector<Trial> query(const std::string& tail) const;

  std::string path_;
  Access access_;
  std::unique_ptr<util::PidLock> lock_;  // held by a writer
  sqlite3* db_ = nullptr;
};

}  // namespace codesign::store
