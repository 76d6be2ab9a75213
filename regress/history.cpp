#include "regress/history.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace codesign::regress {

namespace {

constexpr int kSchemaVersion = 1;

// Finalises a prepared statement on every path out of a function.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(path + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  void text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  std::string column_text(int i) {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

History::History(const std::string& path)
    : path_(path),
      lock_(std::make_unique<util::PidLock>(path + "-lock", path + ": regression history")) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(path + ": cannot open history: " + msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  try {
    exec("BEGIN IMMEDIATE");
    Statement count(db_, "SELECT COUNT(*) FROM sqlite_master", path_);
    sqlite3_step(count.get());
    const bool empty = sqlite3_column_int64(count.get(), 0) == 0;
    Statement version(db_, "PRAGMA user_version", path_);
    sqlite3_step(version.get());
    if (empty) {
      exec(
          "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, suite TEXT NOT NULL, "
          "date TEXT NOT NULL, tool_revision TEXT NOT NULL, rtl_revision TEXT NOT NULL, "
          "cases INTEGER NOT NULL, failures INTEGER NOT NULL, wall_s REAL NOT NULL)");
      exec(
          "CREATE TABLE results (run INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, "
          "variant TEXT NOT NULL, outcome TEXT NOT NULL, status TEXT NOT NULL, "
          "message TEXT NOT NULL, failed INTEGER NOT NULL, cycles REAL, energy_pj REAL, "
          "edp_js REAL, area_mm2 REAL, wall_s REAL NOT NULL, PRIMARY KEY (run, name))");
      exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    } else if (sqlite3_column_int(version.get(), 0) != kSchemaVersion) {
      throw std::runtime_error(path_ + ": not a regression history of schema version " +
                               std::to_string(kSchemaVersion) + " (user_version " +
                               std::to_string(sqlite3_column_int(version.get(), 0)) + ")");
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    throw;
  }
}

History::~History() { sqlite3_close(db_); }

void History::exec(const std::string& sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string msg = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(path_ + ": " + msg);
  }
}

std::int64_t History::append(const RunReport& run) {
  exec("BEGIN IMMEDIATE");
  try {
    Statement r(db_,
                "INSERT INTO runs (suite, date, tool_revision, rtl_revision, cases, failures, "
                "wall_s) VALUES (?, ?, ?, ?, ?, ?, ?)",
                path_);
    r.text(1, run.suite);
    r.text(2, run.provenance.date);
    r.text(3, run.provenance.tool_revision);
    r.text(4, run.provenance.rtl_revision);
    sqlite3_bind_int64(r.get(), 5, static_cast<sqlite3_int64>(run.cases.size()));
    sqlite3_bind_int64(r.get(), 6, static_cast<sqlite3_int64>(run.failures()));
    sqlite3_bind_double(r.get(), 7, run.wall_s);
    if (sqlite3_step(r.get()) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    for (const CaseReport& c : run.cases) {
      Statement s(db_,
                  "INSERT INTO results (run, name, variant, outcome, status, message, failed, "
                  "cycles, energy_pj, edp_js, area_mm2, wall_s) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  path_);
      sqlite3_bind_int64(s.get(), 1, id);
      s.text(2, c.name);
      s.text(3, c.variant);
      s.text(4, to_string(c.verdict.outcome));
      s.text(5, to_string(c.result.status));
      s.text(6, c.verdict.message);
      sqlite3_bind_int(s.get(), 7, c.failed() ? 1 : 0);
      for (std::size_t m = 0; m < kMetrics.size(); ++m) {
        const auto v = c.result.metrics.find(kMetrics[m]);
        if (v == c.result.metrics.end())
          sqlite3_bind_null(s.get(), static_cast<int>(8 + m));
        else
          sqlite3_bind_double(s.get(), static_cast<int>(8 + m), v->second);
      }
      sqlite3_bind_double(s.get(), 12, c.result.wall_s);
      if (sqlite3_step(s.get()) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    }
    exec("COMMIT");
    return id;
  } catch (const std::exception& e) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw std::runtime_error(path_ + ": cannot append the run: " + e.what());
  }
}

std::vector<HistoryRun> History::last_runs(const std::string& suite, std::size_t n) const {
  Statement s(db_,
              "SELECT id, suite, date, tool_revision, rtl_revision, cases, failures, wall_s "
              "FROM (SELECT * FROM runs WHERE suite = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
              path_);
  s.text(1, suite);
  sqlite3_bind_int64(s.get(), 2, static_cast<sqlite3_int64>(n));
  std::vector<HistoryRun> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    HistoryRun r;
    r.id = sqlite3_column_int64(s.get(), 0);
    r.suite = s.column_text(1);
    r.provenance = {s.column_text(2), s.column_text(3), s.column_text(4)};
    r.cases = static_cast<std::size_t>(sqlite3_column_int64(s.get(), 5));
    r.failures = static_cast<std::size_t>(sqlite3_column_int64(s.get(), 6));
    r.wall_s = sqlite3_column_double(s.get(), 7);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<HistoryResult> History::results(const std::string& suite,
                                            std::int64_t first_run) const {
  Statement s(db_,
              "SELECT r.run, r.name, r.variant, r.outcome, r.status, r.message, r.failed, "
              "r.cycles, r.energy_pj, r.edp_js, r.area_mm2, r.wall_s FROM results r "
              "JOIN runs ON runs.id = r.run WHERE runs.suite = ? AND r.run >= ? "
              "ORDER BY r.run, r.name",
              path_);
  s.text(1, suite);
  sqlite3_bind_int64(s.get(), 2, first_run);
  std::vector<HistoryResult> out;
  // The metric columns (cycles, energy_pj, edp_js, area_mm2) are in kMetrics order.
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    HistoryResult h;
    h.run = sqlite3_column_int64(s.get(), 0);
    h.name = s.column_text(1);
    h.variant = s.column_text(2);
    h.outcome = outcome_from_string(s.column_text(3));
    h.status = s.column_text(4);
    h.message = s.column_text(5);
    h.failed = sqlite3_column_int(s.get(), 6) != 0;
    for (std::size_t m = 0; m < kMetrics.size(); ++m)
      if (sqlite3_column_type(s.get(), static_cast<int>(7 + m)) != SQLITE_NULL)
        h.metrics[kMetrics[m]] = sqlite3_column_double(s.get(), static_cast<int>(7 + m));
    h.wall_s = sqlite3_column_double(s.get(), 11);
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace codesign::regress
