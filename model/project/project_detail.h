#pragma once
// Internals shared by the project_*.cpp files; not part of the API (include project.h instead).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "model/project/project.h"
#include "model/project/sqlite_db.h"

namespace headroom {

struct Project::State {
  sqlite::Database db;
  FaultHook fault_hook;
};

namespace project_detail {

// Thrown inside an operation for problems that are not SQLite errors; turned into ProjectError by guarded().
struct Failure {
  ProjectError::Kind kind;
  std::string message;
};

ProjectError::Kind kindOf(int sqlite_code);

// Runs `body`, rethrowing every failure as ProjectError("<file>: <operation>: <what>").
template <typename Body>
auto guarded(const std::string& path, const std::string& operation, Body&& body) -> decltype(body()) {
  const auto prefix = [&] { return path + ": " + operation + ": "; };
  try {
    return body();
  } catch (const Failure& f) {
    throw ProjectError(f.kind, prefix() + f.message);
  } catch (const sqlite::Error& e) {
    throw ProjectError(kindOf(e.code()), prefix() + e.what());
  } catch (const SchemaTooNewError& e) {
    throw ProjectError(ProjectError::Kind::NewerSchema, prefix() + e.what());
  }
}

inline std::string quoted(const std::string& name) { return "'" + name + "'"; }

// Wall clock, Unix epoch milliseconds (UTC): the unit of every *_unix_ms column.
inline std::int64_t nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Throws Failure(InvalidInput, "<what> is not valid JSON: ...") unless `text` is one JSON document.
void requireJson(const std::string& text, const std::string& what);
void requireScenarioName(const std::string& name);

std::optional<std::int64_t> scenarioId(sqlite::Database& db, const std::string& name);
std::int64_t requireScenarioId(sqlite::Database& db, const std::string& name);  // Failure(NotFound) if absent
std::int64_t latestVersion(sqlite::Database& db, std::int64_t scenario_id);     // 0 if none
// {scenario_version.id, version number} of `version`, or of the latest when empty; Failure(NotFound) if absent.
std::pair<std::int64_t, std::int64_t> requireVersionRow(sqlite::Database& db, const std::string& name,
                                                        std::optional<std::int64_t> version);

}  // namespace project_detail
}  // namespace headroom
