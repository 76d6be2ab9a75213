#include "store/study_store.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace codesign::store {

namespace {

// Finalises a prepared statement on every path out of a function.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path) : db_(db) {
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
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kColumns =
    "id, algorithm, fidelity, status, reason, feasible, objective, wall_s, parent, params, "
    "result";

}  // namespace

StudyStore::StudyStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(path + ": cannot open study: " + msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  try {
    // WAL: a committed transaction survives the process being killed at any point.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    exec(
        "CREATE TABLE IF NOT EXISTS trials (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "algorithm TEXT NOT NULL, fidelity TEXT NOT NULL, status TEXT NOT NULL, "
        "reason TEXT NOT NULL, feasible INTEGER NOT NULL, objective REAL NOT NULL, "
        "wall_s REAL NOT NULL, parent INTEGER NOT NULL, params TEXT NOT NULL, "
        "result TEXT NOT NULL)");
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

StudyStore::~StudyStore() { sqlite3_close(db_); }

void StudyStore::exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(path_ + ": " + msg);
  }
}

void StudyStore::set_meta(const std::string& key, const std::string& value) {
  Statement s(db_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", path_);
  s.text(1, key);
  s.text(2, value);
  if (sqlite3_step(s.get()) != SQLITE_DONE)
    throw std::runtime_error(path_ + ": " + sqlite3_errmsg(db_));
}

std::optional<std::string> StudyStore::meta(const std::string& key) const {
  Statement s(db_, "SELECT value FROM meta WHERE key = ?", path_);
  s.text(1, key);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return s.column_text(0);
}

std::int64_t StudyStore::add(const Trial& t) {
  // One statement is one transaction in SQLite's autocommit mode.
  Statement s(db_,
              "INSERT INTO trials (algorithm, fidelity, status, reason, feasible, objective, "
              "wall_s, parent, params, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              path_);
  s.text(1, t.algorithm);
  s.text(2, t.fidelity);
  s.text(3, t.status);
  s.text(4, t.reason);
  sqlite3_bind_int(s.get(), 5, t.feasible ? 1 : 0);
  sqlite3_bind_double(s.get(), 6, t.objective);
  sqlite3_bind_double(s.get(), 7, t.wall_s);
  sqlite3_bind_int64(s.get(), 8, t.parent);
  s.text(9, t.params.dump());
  s.text(10, t.result.dump());
  if (sqlite3_step(s.get()) != SQLITE_DONE)
    throw std::runtime_error(path_ + ": cannot write trial: " + sqlite3_errmsg(db_));
  return sqlite3_last_insert_rowid(db_);
}

std::vector<Trial> StudyStore::query(const std::string& tail) const {
  Statement s(db_, std::string("SELECT ") + kColumns + " FROM trials " + tail, path_);
  std::vector<Trial> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    Trial t;
    t.id = sqlite3_column_int64(s.get(), 0);
    t.algorithm = s.column_text(1);
    t.fidelity = s.column_text(2);
    t.status = s.column_text(3);
    t.reason = s.column_text(4);
    t.feasible = sqlite3_column_int(s.get(), 5) != 0;
    t.objective = sqlite3_column_double(s.get(), 6);
    t.wall_s = sqlite3_column_double(s.get(), 7);
    t.parent = sqlite3_column_int64(s.get(), 8);
    t.params = nlohmann::json::parse(s.column_text(9));
    t.result = nlohmann::json::parse(s.column_text(10));
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Trial> StudyStore::trials() const { return query("ORDER BY id"); }

std::int64_t StudyStore::count() const {
  Statement s(db_, "SELECT COUNT(*) FROM trials", path_);
  sqlite3_step(s.get());
  return sqlite3_column_int64(s.get(), 0);
}

std::optional<Trial> StudyStore::best(const std::string& fidelity) const {
  // Fidelity names are ours ("model", "rtl"), never user text: safe to inline.
  for (const char c : fidelity)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      throw std::invalid_argument("best: bad fidelity name " + fidelity);
  const std::string where = fidelity.empty() ? "" : " AND fidelity = '" + fidelity + "'";
  auto r = query("WHERE feasible = 1" + where + " ORDER BY objective, id LIMIT 1");
  if (r.empty()) return std::nullopt;
  return r.front();
}

std::optional<Trial> StudyStore::get(std::int64_t id) const {
  auto r = query("WHERE id = " + std::to_string(id));
  if (r.empty()) return std::nullopt;
  return r.front();
}

}  // namespace codesign::store
