#pragma once
// A deliberately small RAII layer over the sqlite3 C API: a connection, a prepared statement and a write
// transaction guard. It throws sqlite::Error carrying SQLite's extended result code and message; the
// Project class adds the file name and the operation before anything reaches the user.
//
// Thread affinity: a Database and its Statements belong to the thread that created them.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace headroom::sqlite {

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // SQLite extended result code (SQLITE_BUSY, SQLITE_NOTADB, ...)

 private:
  int code_;
};

class Database {
 public:
  enum class OpenMode { ExistingFile, CreateFile };

  // Opens read-write. ExistingFile never creates the file. Sets extended result codes and a busy timeout.
  Database(const std::string& path, OpenMode mode, int busy_timeout_ms = 5000);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows the caller needs.
  void exec(std::string_view sql);
  // Runs a statement returning one integer (e.g. "PRAGMA user_version").
  std::int64_t queryInt(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  bool inTransaction() const;

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int code) const;  // throws Error with the connection's current message

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement. Bind indices are 1-based, column indices 0-based (as in SQLite).
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bindInt64(int index, std::int64_t value);
  Statement& bindDouble(int index, double value);
  Statement& bindText(int index, std::string_view text);  // copied by SQLite
  // NOT copied: `data` must stay valid until the statement is stepped to completion or reset.
  Statement& bindBlobNoCopy(int index, const void* data, std::size_t bytes);
  Statement& bindNull(int index);

  // Returns true while a row is available, false when the statement is done.
  bool step();
  // step() for statements that must not return rows (INSERT, UPDATE, ...).
  void run();
  void reset();

  bool isNull(int column) const;
  std::int64_t columnInt64(int column) const;
  double columnDouble(int column) const;
  std::string columnText(int column) const;
  // Valid until the next step/reset/destruction.
  const void* columnBlob(int column) const;
  std::size_t columnBytes(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Write: BEGIN IMMEDIATE on construction (takes the write lock up front, so a writer never fails half way
// with SQLITE_BUSY on lock upgrade). Read: BEGIN DEFERRED, so several SELECTs see one consistent snapshot.
// ROLLBACK in the destructor unless commit() succeeded.
class Transaction {
 public:
  enum class Mode { Write, Read };
  explicit Transaction(Database& db, Mode mode = Mode::Write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace headroom::sqlite
