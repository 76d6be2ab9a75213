#include "store/study_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "util/json_reader.hpp"
#include "util/output_paths.hpp"

namespace codesign::store {

namespace {

// PRAGMA user_version of a study file. Files of another version are refused, not migrated.
constexpr int kSchemaVersion = 2;

// Finalises a prepared statement on every path out of a function.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path);
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
  if (rc != Z_STREAM_END) throw util::ConfigError(what + ": corrupt compressed JSON");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw util::ConfigError(what + ": " + e.what());
  }
}

// Turns the last SQLite error into an exception: a damaged file, a full disk or a missing
// permission is the user's to fix (ConfigError, naming the file); anything else is ours.
[[noreturn]] void fail_on(sqlite3* db, const std::string& path, const std::string& what) {
  const int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;
  const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    throw util::ConfigError(path + ": the study is damaged (" + msg +
                            "); restore it from a copy or start a new study");
  if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
      code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_BUSY ||
      code == SQLITE_LOCKED)
    throw util::ConfigError(path + ": " + what + ": " + msg);
  throw std::runtime_error(path + ": " + what + ": " + msg);
}

void exec_on(sqlite3* db, const std::string& path, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    fail_on(db, path, "cannot write");
}

std::string not_readable_study(const std::string& path, const std::string& why) {
  return path + ": not a study this codesign can read (" + why +
         "); studies of other versions are not migrated: run the search again";
}

// Why `path` is not a study, from its type and header alone ("" if it may be one). SQLite
// is not asked: opening a foreign WAL database would create files beside it.
std::string why_not_a_study(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return path + ": no study there (" + std::strerror(errno) + ")";
  if (!S_ISREG(st.st_mode))
    return path + ": is " + util::file_kind(path, true) + ", not a study file";
  if (st.st_size == 0)
    return path + ": is an empty file, not a study (codesign search writes studies)";
  unsigned char header[100] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot read: " + std::strerror(errno);
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() < static_cast<std::streamsize>(sizeof header) ||
      std::memcmp(header, "SQLite format 3", 16) != 0)
    return path + ": is not a study (not an SQLite database; codesign search writes studies)";
  // Header bytes 60-63: PRAGMA user_version, big-endian; 18-19: 2 in WAL mode.
  const std::int64_t version =
      (std::int64_t{header[60]} << 24) | (header[61] << 16) | (header[62] << 8) | header[63];
  if (version != kSchemaVersion)
    return not_readable_study(path, "schema version " + std::to_string(version) + ", expected " +
                                        std::to_string(kSchemaVersion));
  if (header[18] != 2 || header[19] != 2)
    return not_readable_study(path, "an SQLite database that codesign search did not write");
  return "";
}

Statement::Statement(sqlite3* db, const std::string& sql, const std::string& path) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
    fail_on(db, path, "cannot read");
}

}  // namespace

std::unique_ptr<StudyStore> StudyStore::create(const std::string& path,
                                               const std::map<std::string, std::string>& meta) {
  if (!util::file_kind(path).empty())
    throw util::ConfigError(path + ": exists; a new study needs a new file");
  auto lock = std::make_unique<util::PidLock>(path + "-lock", path + ": study");
  // Built under a temporary name and renamed into place complete.
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  auto remove_tmp = [&] {
    for (const char* ext : {"", "-wal", "-shm", "-journal"}) ::unlink((tmp + ext).c_str());
  };
  remove_tmp();
  sqlite3* db = nullptr;
  try {
    if (sqlite3_open_v2(tmp.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK)
      fail_on(db, path, "cannot create study");
    // WAL: a committed transaction survives the process being killed at any point.
    exec_on(db, path, "PRAGMA journal_mode=WAL");
    exec_on(db, path, "BEGIN");
    exec_on(db, path, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    exec_on(db, path,
            "CREATE TABLE trials (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "algorithm TEXT NOT NULL, fidelity TEXT NOT NULL, status TEXT NOT NULL, "
            "reason TEXT NOT NULL, feasible INTEGER NOT NULL, objective REAL NOT NULL, "
            "energy_pj REAL NOT NULL, delay_s REAL NOT NULL, design TEXT NOT NULL, "
            "wall_s REAL NOT NULL, parent INTEGER NOT NULL, area_mm2 REAL NOT NULL, "
            "params BLOB NOT NULL, result BLOB NOT NULL)");
    exec_on(db, path, "PRAGMA user_version = " + std::to_string(kSchemaVersion));
    for (const auto& [key, value] : meta) {
      Statement s(db, "INSERT INTO meta (key, value) VALUES (?, ?)", path);
      s.text(1, key);
      s.text(2, value);
      if (sqlite3_step(s.get()) != SQLITE_DONE) fail_on(db, path, "cannot write");
    }
    exec_on(db, path, "COMMIT");
    // Closing the last connection checkpoints the WAL into the file and removes it.
    if (sqlite3_close(db) != SQLITE_OK) fail_on(db, path, "cannot write");
    db = nullptr;
    if (::access((tmp + "-wal").c_str(), F_OK) == 0)
      throw util::ConfigError(path + ": cannot write the new study completely (disk full?)");
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0)
      throw util::ConfigError(path + ": cannot create study: " + std::strerror(errno));
  } catch (...) {
    sqlite3_close(db);
    remove_tmp();
    throw;
  }
  return std::unique_ptr<StudyStore>(new StudyStore(path, Access::kWrite, std::move(lock)));
}

StudyStore::StudyStore(const std::string& path, Access access)
    : StudyStore(path, access, nullptr) {}

StudyStore::StudyStore(const std::string& path, Access access, std::unique_ptr<util::PidLock> lock)
    : path_(path), access_(access), lock_(std::move(lock)) {
  if (const std::string why = why_not_a_study(path); !why.empty()) throw util::ConfigError(why);
  if (access == Access::kWrite && !lock_)
    lock_ = std::make_unique<util::PidLock>(path + "-lock", path + ": study");
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    try {
      fail_on(db_, path, "cannot open study");
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  sqlite3_busy_timeout(db_, 10000);
  try {
    if (access == Access::kRead) exec("PRAGMA query_only = 1");
    exec("PRAGMA synchronous = NORMAL");
    check_schema_and_pages();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

StudyStore::~StudyStore() { sqlite3_close(db_); }

void StudyStore::check_schema_and_pages() {
  if (scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', "
             "'trials')") != 2)
    throw util::ConfigError(not_readable_study(path_, "no trials table"));
  // Every page, so that damage where listings never look (a trial's blobs) is found too:
  // about 0.1 s per 10 000 trials (bench/RESULTS.md).
  Statement s(db_, "PRAGMA quick_check(1)", path_);
  if (sqlite3_step(s.get()) != SQLITE_ROW) fail_on(db_, path_, "cannot read");
  const std::string verdict = s.column_text(0);
  if (verdict != "ok")
    throw util::ConfigError(path_ + ": the study is damaged (SQLite quick_check: " + verdict +
                            "); restore it from a copy or start a new study");
}

void StudyStore::exec(const std::string& sql) const {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    fail_on(db_, path_, "cannot access the study");
}

std::int64_t StudyStore::scalar(const std::string& sql) const {
  Statement s(db_, sql, path_);
  if (sqlite3_step(s.get()) != SQLITE_ROW) fail_on(db_, path_, "cannot read");
  return sqlite3_column_int64(s.get(), 0);
}

std::optional<std::string> StudyStore::meta(const std::string& key) const {
  Statement s(db_, "SELECT value FROM meta WHERE key = ?", path_);
  s.text(1, key);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return s.column_text(0);
}

std::int64_t StudyStore::add(const Trial& t) {
  if (access_ != Access::kWrite) throw std::logic_error(path_ + ": opened for reading only");
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
  if (sqlite3_step(s.get()) != SQLITE_DONE) fail_on(db_, path_, "cannot write trial");
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
