// A study on disk: one SQLite file, no server. Every trial is written in its own
// transaction when it completes, so a crash or `kill -9` at any moment loses no completed
// trial; reopening the file continues the study.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace codesign::store {

// One evaluated point. `params` and `result` are free-form JSON owned by the caller (the
// hardware point and mappings; metrics and counts); the typed columns are what queries,
// resumption and reports need.
struct Trial {
  std::int64_t id = 0;    // assigned by the store
  std::string algorithm;  // "bo", "random", ...
  std::string fidelity;   // "model" or "rtl"
  std::string status;     // "ok", "infeasible", "build_failure", "timeout", ...
  std::string reason;
  bool feasible = false;
  double objective = 0;     // EDP (J·s) when feasible
  double wall_s = 0;        // evaluation time
  std::int64_t parent = 0;  // for an RTL confirmation: the model trial it confirms
  nlohmann::json params = nlohmann::json::object();
  nlohmann::json result = nlohmann::json::object();
};

class StudyStore {
 public:
  // Opens or creates the study file. Throws std::runtime_error naming the file.
  explicit StudyStore(const std::string& path);
  ~StudyStore();
  StudyStore(const StudyStore&) = delete;
  StudyStore& operator=(const StudyStore&) = delete;

  // Study-level settings (seed, workload hash, space, ...), written once and checked on
  // resume by the caller.
  void set_meta(const std::string& key, const std::string& value);
  std::optional<std::string> meta(const std::string& key) const;

  // Writes one trial atomically; returns its id.
  std::int64_t add(const Trial& t);
  std::vector<Trial> trials() const;  // in id order
  std::int64_t count() const;
  // The feasible trial with the lowest objective at `fidelity` ("" = any).
  std::optional<Trial> best(const std::string& fidelity = "") const;
  std::optional<Trial> get(std::int64_t id) const;
  const std::string& path() const { return path_; }

 private:
  void exec(const std::string& sql) const;
  std::vector<Trial> query(const std::string& where) const;

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace codesign::store
