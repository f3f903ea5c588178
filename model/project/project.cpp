#include "model/project/project.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

namespace {

constexpr std::string_view kRecoveryHint =
    "; it was not opened and nothing was written to it. Restore it from a backup (an earlier copy, or the "
    "*.schemaN.bak file a migration left next to it), or salvage what SQLite can still read with: "
    "sqlite3 DAMAGED.hdrm .recover | sqlite3 RECOVERED.hdrm";

std::int64_t appendVersion(sqlite::Database& db, std::int64_t scenario_id, const std::string& json,
                           const std::string& comment, std::optional<std::int64_t> restored_from) {
  const std::int64_t version = latestVersion(db, scenario_id) + 1;
  sqlite::Statement insert(db,
                           "INSERT INTO scenario_version(scenario_id, version, json, comment, saved_unix_ms, "
                           "restored_from_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bindInt64(1, scenario_id).bindInt64(2, version).bindText(3, json).bindText(4, comment);
  insert.bindInt64(5, nowUnixMs());
  if (restored_from) insert.bindInt64(6, *restored_from); else insert.bindNull(6);
  insert.run();
  return version;
}

void configureConnection(sqlite::Database& db) {
  // Rollback journal, not WAL: the .hdrm file alone is the whole project after every commit (users copy,
  // mail and sync it; WAL keeps committed data in a -wal side file until a checkpoint, and WAL does not
  // work on network file systems). Our writes are few and large, where WAL would write every page twice.
  sqlite::Statement journal(db, "PRAGMA journal_mode = DELETE");
  journal.step();
  if (journal.columnText(0) != "delete")
    throw sqlite::Error(SQLITE_ERROR, "cannot switch to journal_mode=DELETE (got " + journal.columnText(0) + ")");
  // FULL: fsync the journal before the file and the file before deleting the journal, so a power cut can
  // never leave a half-written commit.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

Project::Project(std::unique_ptr<State> state) : state_(std::move(state)) {}
Project::~Project() = default;
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;

Project Project::create(const std::string& path, const std::vector<Migration>& migrations) {
  return guarded(path, "create project", [&] {
    // "x": create exclusively, so two creators racing for one path cannot both believe they own it.
    std::FILE* claim = std::fopen(path.c_str(), "wx");
    if (!claim) {
      const int error = errno;
      if (error == EEXIST) throw Failure{ProjectError::Kind::AlreadyExists, "a file already exists there"};
      throw Failure{ProjectError::Kind::Io, std::strerror(error)};
    }
    std::fclose(claim);
    std::error_code ec;
    std::unique_ptr<State> state;
    try {
      state = std::make_unique<State>(State{sqlite::Database(path, sqlite::Database::OpenMode::ExistingFile), {}});
      // 16 KiB pages: fewer overflow pages per large series BLOB; must be set before the first table.
      state->db.exec("PRAGMA page_size = 16384");
      configureConnection(state->db);
      Project project(std::move(state));
      project.path_ = path;
      project.migration_ = migrate(project.state_->db, migrations, {});
      return project;
    } catch (...) {
      state.reset();
      std::filesystem::remove(path, ec);  // never leave a half-created project behind
      std::filesystem::remove(path + "-journal", ec);
      throw;
    }
  });
}

Project Project::open(const std::string& path, const std::vector<Migration>& migrations) {
  return guarded(path, "open project", [&] {
    auto state = std::make_unique<State>(State{sqlite::Database(path, sqlite::Database::OpenMode::ExistingFile), {}});
    sqlite::Database& db = state->db;
    std::int64_t application_id = 0;
    try {
      application_id = db.queryInt("PRAGMA application_id");
    } catch (const sqlite::Error& e) {
      // The first read is where SQLite notices that the file is not a database at all.
      if ((e.code() & 0xFF) != SQLITE_NOTADB) throw;
      throw Failure{ProjectError::Kind::NotAProject, "not a Headroom project (not an SQLite database)"};
    }
    if (application_id != kProjectApplicationId) {
      char found[16];
      std::snprintf(found, sizeof found, "0x%08llX", static_cast<unsigned long long>(application_id) & 0xFFFFFFFFull);
      throw Failure{ProjectError::Kind::NotAProject,
                    std::string("not a Headroom project (SQLite application_id is ") + found + ")"};
    }
    // A damaged file must be refused before anything writes into it (the journal-mode switch and a migration
    // both would). integrity_check reads every page: linear in the file size (docs/reliability.md: 0.5 s for 64 MB).
    const std::int64_t header_version = db.queryInt("PRAGMA user_version");
    if (header_version < 0)
      throw Failure{ProjectError::Kind::Corrupt, "the file header is damaged (schema version " +
                                                     std::to_string(header_version) + ")" + std::string(kRecoveryHint)};
    std::string problems;
    try {
      sqlite::Statement check(db, "PRAGMA integrity_check(20)");
      while (check.step()) {
        const std::string line = check.columnText(0);
        if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
      }
    } catch (const sqlite::Error& e) {
      problems = e.what();
    }
    if (!problems.empty())
      throw Failure{ProjectError::Kind::Corrupt,
                    "the file is damaged (SQLite integrity check: " + problems + ")" + std::string(kRecoveryHint)};
    configureConnection(db);
    Project project(std::move(state));
    project.path_ = path;
    project.migration_ = migrate(project.state_->db, migrations, path);
    return project;
  });
}

void Project::requireWritable() {
  guarded(path_, "check that the project can be written", [&] {
    sqlite::Database& db = state_->db;
    if (sqlite3_db_readonly(db.handle(), "main") == 1)
      throw Failure{ProjectError::Kind::Io, "the file is read-only (check its permissions, or copy it to writable media)"};
    // A real write, rolled back: it needs the journal, so it also fails on a read-only folder or medium.
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec("PRAGMA user_version = " + std::to_string(version));
      db.exec("ROLLBACK");
    } catch (...) {
      if (db.inTransaction()) db.exec("ROLLBACK");
      throw;
    }
  });
}

int Project::schemaVersion() const {
  return guarded(path_, "read schema version",
                 [&] { return static_cast<int>(state_->db.queryInt("PRAGMA user_version")); });
}

void Project::setFaultHookForTesting(FaultHook hook) { state_->fault_hook = std::move(hook); }

sqlite::Database& Project::databaseForTesting() { return state_->db; }

void Project::checkpoint(std::string_view name) {
  if (state_->fault_hook) state_->fault_hook(name);
}

std::int64_t Project::saveScenario(const std::string& name, const std::string& json, const std::string& comment) {
  return guarded(path_, "save scenario " + quoted(name), [&] {
    requireScenarioName(name);
    requireJson(json, "the scenario");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    std::int64_t id = 0;
    if (const auto existing = scenarioId(db, name)) {
      id = *existing;
    } else {
      sqlite::Statement insert(db, "INSERT INTO scenario(name, created_unix_ms) VALUES (?1, ?2)");
      insert.bindText(1, name).bindInt64(2, nowUnixMs());
      insert.run();
      id = db.lastInsertRowId();
      checkpoint("save scenario: scenario row written");
    }
    const std::int64_t version = appendVersion(db, id, json, comment, std::nullopt);
    checkpoint("save scenario: version written");
    transaction.commit();
    return version;
  });
}

std::vector<ScenarioInfo> Project::scenarios() {
  return guarded(path_, "list scenarios", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.id, s.name, s.created_unix_ms, MAX(v.version), COUNT(v.id), "
                            "MAX(v.saved_unix_ms) FROM scenario s JOIN scenario_version v ON v.scenario_id = s.id "
                            "GROUP BY s.id ORDER BY s.name");
    std::vector<ScenarioInfo> result;
    while (query.step()) {
      result.push_back({query.columnInt64(0), query.columnText(1), query.columnInt64(3), query.columnInt64(4),
                        query.columnInt64(2), query.columnInt64(5)});
    }
    return result;
  });
}

std::vector<ScenarioVersion> Project::history(const std::string& name) {
  return guarded(path_, "read history of scenario " + quoted(name), [&] {
    sqlite::Transaction snapshot(state_->db, sqlite::Transaction::Mode::Read);
    const std::int64_t id = requireScenarioId(state_->db, name);
    sqlite::Statement query(state_->db,
                            "SELECT version, saved_unix_ms, comment, restored_from_version FROM scenario_version "
                            "WHERE scenario_id = ?1 ORDER BY version");
    query.bindInt64(1, id);
    std::vector<ScenarioVersion> result;
    while (query.step()) {
      ScenarioVersion v{query.columnInt64(0), query.columnInt64(1), query.columnText(2), std::nullopt};
      if (!query.isNull(3)) v.restored_from_version = query.columnInt64(3);
      result.push_back(std::move(v));
    }
    return result;
  });
}

std::string Project::loadScenario(const std::string& name, std::optional<std::int64_t> version) {
  const std::string what = "load scenario " + quoted(name) + (version ? " version " + std::to_string(*version) : "");
  return guarded(path_, what, [&] {
    sqlite::Transaction snapshot(state_->db, sqlite::Transaction::Mode::Read);
    const auto [row, number] = requireVersionRow(state_->db, name, version);
    sqlite::Statement query(state_->db, "SELECT json FROM scenario_version WHERE id = ?1");
    query.bindInt64(1, row);
    query.step();
    return query.columnText(0);
  });
}

std::int64_t Project::restoreScenario(const std::string& name, std::int64_t version, const std::string& comment) {
  return guarded(path_, "restore scenario " + quoted(name) + " version " + std::to_string(version), [&] {
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const auto [row, number] = requireVersionRow(db, name, version);
    sqlite::Statement query(db, "SELECT scenario_id, json FROM scenario_version WHERE id = ?1");
    query.bindInt64(1, row);
    query.step();
    const std::string text = comment.empty() ? "restored from version " + std::to_string(number) : comment;
    const std::int64_t created = appendVersion(db, query.columnInt64(0), query.columnText(1), text, number);
    checkpoint("restore scenario: version written");
    transaction.commit();
    return created;
  });
}


std::string Project::integrityCheck() {
  return guarded(path_, "check integrity", [&] {
    sqlite::Statement query(state_->db, "PRAGMA integrity_check");
    std::string result;
    while (query.step()) {
      if (!result.empty()) result += '\n';
      result += query.columnText(0);
    }
    return result;
  });
}

}  // namespace headroom
