#pragma once
// The project file schema and how it evolves.
//
// The schema version lives in PRAGMA user_version; the file type in PRAGMA application_id. Each Migration
// takes the file from version to_version - 1 to to_version; builtinMigrations() lists them in order, starting
// at 1 (the empty file -> the first schema). The next Headroom release only APPENDS steps, never edits a
// shipped one, so every file this build writes opens in the next (docs/project-file.md, "Migrations").
//
// Thread affinity: the functions here run on the thread that owns the Database.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/project/sqlite_db.h"

namespace headroom {

// "HdRm" in ASCII: lets `file` and our open() tell a Headroom project from any other SQLite database.
inline constexpr std::int32_t kProjectApplicationId = 0x4864526D;

struct Migration {
  int to_version = 0;
  std::string description;
  // Runs inside the migration transaction; must not COMMIT or change user_version itself.
  std::function<void(sqlite::Database&)> apply;
};

// The steps this build knows, in order; the last one's to_version is the schema this build writes.
const std::vector<Migration>& builtinMigrations();
int builtinSchemaVersion();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::string backup_path;  // copy of the file taken before migrating; empty if none was needed
};

// Brings `db` up to the last version in `steps`, all pending steps in ONE write transaction (a file is never
// left half migrated). Throws sqlite::Error for SQLite failures and SchemaTooNew when the file's version is
// above the last step. If `backup_path_prefix` is non-empty and an existing (version > 0) file needs
// migrating, first writes a consistent copy to "<prefix>.schema<N>.bak" (or "...bak2", ...), because once
// migrated, an older Headroom can no longer open the file.
MigrationReport migrate(sqlite::Database& db, const std::vector<Migration>& steps,
                        const std::string& backup_path_prefix);

class SchemaTooNewError : public std::runtime_error {
 public:
  SchemaTooNewError(int file_version, int known_version);
  int fileVersion() const { return file_version_; }
  int knownVersion() const { return known_version_; }

 private:
  int file_version_;
  int known_version_;
};

}  // namespace headroom
