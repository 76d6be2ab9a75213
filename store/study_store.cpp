#include "store/study_store.hpp"

#include <sqlite3.h>
#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace codesign::store {

namespace {

// PRAGMA user_version of a study file. Files of another version are refused, not migrated.
constexpr int kSchemaVersion = 2;

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
  void blob(int i, const std::string& s) {
    sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  std::string column_text(int i) {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  std::string column_blob(int i) {
    const void* b = sqlite3_column_blob(stmt_, i);
    return b ? std::string(static_cast<const char*>(b), sqlite3_column_bytes(stmt_, i)) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The summary columns come first and the large blobs last: a listing then reads no
// overflow page of a blob.
constexpr const char* kSummaryColumns =
    "id, algorithm, fidelity, status, reason, feasible, objective, energy_pj, delay_s, design, "
    "wall_s, parent, area_mm2";

void read_summary(Statement& s, TrialSummary& t) {
  t.id = sqlite3_column_int64(s.get(), 0);
  t.algorithm = s.column_text(1);
  t.fidelity = s.column_text(2);
  t.status = s.column_text(3);
  t.reason = s.column_text(4);
  t.feasible = sqlite3_column_int(s.get(), 5) != 0;
  t.objective = sqlite3_column_double(s.get(), 6);
  t.energy_pj = sqlite3_column_double(s.get(), 7);
  t.delay_s = sqlite3_column_double(s.get(), 8);
  t.design = s.column_text(9);
  t.wall_s = sqlite3_column_double(s.get(), 10);
  t.parent = sqlite3_column_int64(s.get(), 11);
  t.area_mm2 = sqlite3_column_double(s.get(), 12);
}

// JSON as stored: zlib-deflated text. `what` names the file and column in errors.
std::string compress_json(const nlohmann::json& j, const std::string& what) {
  const std::string text = j.dump();
  uLongf size = compressBound(text.size());
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(text.data()), text.size(),
                Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error(what + ": cannot compress");
  out.resize(size);
  return out;
}

// `what` names the file, trial and column in errors.
nlohmann::json decompress_json(const std::string& stored, const std::string& what) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw std::runtime_error(what + ": cannot start decompression");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.data()));
  z.avail_in = static_cast<uInt>(stored.size());
  std::string text;
  char chunk[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    text.append(chunk, sizeof chunk - z.avail_out);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error(what + ": corrupt compressed JSON");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(what + ": " + e.what());
  }
}

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
    create_or_check_schema();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

StudyStore::~StudyStore() { sqlite3_close(db_); }

void StudyStore::create_or_check_schema() {
  // IMMEDIATE: of two processes opening a new file, one creates the tables, the other
  // then finds them.
  exec("BEGIN IMMEDIATE");
  try {
    const std::int64_t version = scalar("PRAGMA user_version");
    if (scalar("SELECT COUNT(*) FROM sqlite_master") == 0) {
      exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      exec(
          "CREATE TABLE trials (id INTEGER PRIMARY KEY AUTOINCREMENT, "
          "algorithm TEXT NOT NULL, fidelity TEXT NOT NULL, status TEXT NOT NULL, "
          "reason TEXT NOT NULL, feasible INTEGER NOT NULL, objective REAL NOT NULL, "
          "energy_pj REAL NOT NULL, delay_s REAL NOT NULL, design TEXT NOT NULL, "
          "wall_s REAL NOT NULL, parent INTEGER NOT NULL, area_mm2 REAL NOT NULL, "
          "params BLOB NOT NULL, result BLOB NOT NULL)");
      exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    } else if (version != kSchemaVersion) {
      throw std::runtime_error(path_ + ": not a study this codesign can read (schema version " +
                               std::to_string(version) + ", expected " +
                               std::to_string(kSchemaVersion) +
                               "); studies of other versions are not migrated: run the search "
                               "again");
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void StudyStore::exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(path_ + ": " + msg);
  }
}

std::int64_t StudyStore::scalar(const std::string& sql) const {
  Statement s(db_, sql, path_);
  if (sqlite3_step(s.get()) != SQLITE_ROW)
    throw std::runtime_error(path_ + ": " + sqlite3_errmsg(db_));
  return sqlite3_column_int64(s.get(), 0);
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
              "energy_pj, delay_s, design, wall_s, parent, area_mm2, params, result) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              path_);
  s.text(1, t.algorithm);
  s.text(2, t.fidelity);
  s.text(3, t.status);
  s.text(4, t.reason);
  sqlite3_bind_int(s.get(), 5, t.feasible ? 1 : 0);
  sqlite3_bind_double(s.get(), 6, t.objective);
  sqlite3_bind_double(s.get(), 7, t.energy_pj);
  sqlite3_bind_double(s.get(), 8, t.delay_s);
  s.text(9, t.design);
  sqlite3_bind_double(s.get(), 10, t.wall_s);
  sqlite3_bind_int64(s.get(), 11, t.parent);
  sqlite3_bind_double(s.get(), 12, t.area_mm2);
  s.blob(13, compress_json(t.params, path_ + ": params"));
  s.blob(14, compress_json(t.result, path_ + ": result"));
  if (sqlite3_step(s.get()) != SQLITE_DONE)
    throw std::runtime_error(path_ + ": cannot write trial: " + sqlite3_errmsg(db_));
  return sqlite3_last_insert_rowid(db_);
}

std::vector<Trial> StudyStore::query(const std::string& tail) const {
  Statement s(db_,
              std::string("SELECT ") + kSummaryColumns + ", params, result FROM trials " + tail,
              path_);
  std::vector<Trial> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    Trial t;
    read_summary(s, t);
    const std::string what = path_ + ": trial " + std::to_string(t.id);
    t.params = decompress_json(s.column_blob(13), what + ": params");
    t.result = decompress_json(s.column_blob(14), what + ": result");
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Trial> StudyStore::trials() const { return query("ORDER BY id"); }

std::vector<TrialSummary> StudyStore::summaries() const {
  Statement s(db_, std::string("SELECT ") + kSummaryColumns + " FROM trials ORDER BY id", path_);
  std::vector<TrialSummary> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) read_summary(s, out.emplace_back());
  return out;
}

std::vector<Trial> StudyStore::children(std::int64_t parent) const {
  return query("WHERE parent = " + std::to_string(parent) + " ORDER BY id");
}

std::int64_t StudyStore::count() const { return scalar("SELECT COUNT(*) FROM trials"); }

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

std::optional<Trial> StudyStore::best_design() const {
  if (const auto rtl = best("rtl")) return get(rtl->parent);
  return best("model");
}

std::optional<Trial> StudyStore::get(std::int64_t id) const {
  auto r = query("WHERE id = " + std::to_string(id));
  if (r.empty()) return std::nullopt;
  return r.front();
}

}  // namespace codesign::store
