#include "model/project/sqlite_db.h"

#include <sqlite3.h>

#include <limits>
#include <utility>

namespace headroom::sqlite {

Database::Database(const std::string& path, OpenMode mode, int busy_timeout_ms) {
  int flags = SQLITE_OPEN_READWRITE;
  if (mode == OpenMode::CreateFile) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // sqlite3_open_v2 hands back a handle even on failure (unless out of memory); it holds the message.
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Database::~Database() {
  // Statements are RAII objects that never outlive their Database, so sqlite3_close cannot fail with BUSY.
  if (db_) sqlite3_close(db_);
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

void Database::fail(int code) const {
  throw Error(code, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code));
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw Error(rc, what);
  }
}

std::int64_t Database::queryInt(std::string_view sql) {
  Statement statement(*this, sql);
  if (!statement.step()) throw Error(SQLITE_ERROR, "query returned no row: " + std::string(sql));
  return statement.columnInt64(0);
}

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw Error(SQLITE_TOOBIG, "SQL text too long");
  const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    // A prepare failure is nearly always a bug in our SQL, so say which statement.
    throw Error(rc, std::string(sqlite3_errmsg(db.handle())) + " in: " + std::string(sql));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bindInt64(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) db_.fail(rc);
  return *this;
}

Statement& Statement::bindDouble(int index, double value) {
  if (const int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) db_.fail(rc);
  return *this;
}

Statement& Statement::bindText(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc);
  return *this;
}

Statement& Statement::bindBlobNoCopy(int index, const void* data, std::size_t bytes) {
  // A zero-length blob with a null pointer would bind NULL, so point at something harmless.
  static const char empty = 0;
  const int rc = sqlite3_bind_blob64(stmt_, index, data ? data : &empty, bytes, SQLITE_STATIC);
  if (rc != SQLITE_OK) db_.fail(rc);
  return *this;
}

Statement& Statement::bindNull(int index) {
  if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) db_.fail(rc);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Read the message before reset(), which may overwrite it.
  const std::string message = sqlite3_errmsg(db_.handle());
  sqlite3_reset(stmt_);
  throw Error(rc, message);
}

void Statement::run() {
  if (step()) throw Error(SQLITE_MISUSE, "statement unexpectedly returned rows");
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::columnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::columnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int bytes = sqlite3_column_bytes(stmt_, column);  // after column_text, as the SQLite docs require
  return text ? std::string(text, static_cast<std::size_t>(bytes)) : std::string();
}

const void* Statement::columnBlob(int column) const { return sqlite3_column_blob(stmt_, column); }

std::size_t Statement::columnBytes(int column) const {
  return static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
}

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (done_) return;
  // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); ROLLBACK would then fail.
  if (db_.inTransaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace headroom::sqlite
