#include "model/project/project_detail.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

namespace headroom::project_detail {

ProjectError::Kind kindOf(int sqlite_code) {
  switch (sqlite_code & 0xFF) {  // primary code of an extended result code
    case SQLITE_NOTADB: return ProjectError::Kind::NotAProject;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ProjectError::Kind::Busy;
    case SQLITE_CORRUPT: return ProjectError::Kind::Corrupt;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM: return ProjectError::Kind::Io;
    case SQLITE_TOOBIG: return ProjectError::Kind::InvalidInput;
    default: return ProjectError::Kind::Other;
  }
}

void requireJson(const std::string& text, const std::string& what) {
  if (nlohmann::json::accept(text)) return;
  try {
    [[maybe_unused]] const auto parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Failure{ProjectError::Kind::InvalidInput, what + " is not valid JSON: " + e.what()};
  }
  throw Failure{ProjectError::Kind::InvalidInput, what + " is not valid JSON"};
}

void requireScenarioName(const std::string& name) {
  if (name.empty()) throw Failure{ProjectError::Kind::InvalidInput, "scenario name is empty"};
}

std::optional<std::int64_t> scenarioId(sqlite::Database& db, const std::string& name) {
  sqlite::Statement find(db, "SELECT id FROM scenario WHERE name = ?1");
  find.bindText(1, name);
  if (!find.step()) return std::nullopt;
  return find.columnInt64(0);
}

std::int64_t requireScenarioId(sqlite::Database& db, const std::string& name) {
  if (const auto id = scenarioId(db, name)) return *id;
  throw Failure{ProjectError::Kind::NotFound, "no scenario named " + quoted(name)};
}

std::int64_t latestVersion(sqlite::Database& db, std::int64_t scenario_id) {
  sqlite::Statement latest(db, "SELECT COALESCE(MAX(version), 0) FROM scenario_version WHERE scenario_id = ?1");
  latest.bindInt64(1, scenario_id);
  latest.step();
  return latest.columnInt64(0);
}

// Row id of scenario_version for (scenario, version or latest).
std::pair<std::int64_t, std::int64_t> requireVersionRow(sqlite::Database& db, const std::string& name,
                                                        std::optional<std::int64_t> version) {
  const std::int64_t scenario = requireScenarioId(db, name);
  const std::int64_t latest = latestVersion(db, scenario);
  const std::int64_t wanted = version.value_or(latest);
  sqlite::Statement find(db, "SELECT id FROM scenario_version WHERE scenario_id = ?1 AND version = ?2");
  find.bindInt64(1, scenario).bindInt64(2, wanted);
  if (!find.step()) {
    throw Failure{ProjectError::Kind::NotFound, "scenario " + quoted(name) + " has no version " +
                                                    std::to_string(wanted) + " (latest is " +
                                                    std::to_string(latest) + ")"};
  }
  return {find.columnInt64(0), wanted};
}

}  // namespace headroom::project_detail
