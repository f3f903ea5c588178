#pragma once
// The versioned JSON scenario format (docs/scenario-format.md). Parsing errors name the JSON path of the
// offending field; semantic errors come from validateScenario().
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model/feedback.h"
#include "model/scenario.h"

namespace headroom {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ScenarioError("<origin>: <json path>: <what is wrong>") on malformed input, unknown keys,
// wrong types, or an unsupported format version. Does not run validateScenario().
Scenario scenarioFromJson(const nlohmann::json& json, const std::string& origin = "scenario");
nlohmann::json scenarioToJson(const Scenario& scenario);

// Parses scenario JSON text (a file's contents, a version stored in a project); errors start with `origin` and
// give line and column. Refuses nesting deeper than limits::kMaxJsonDepth. Throws ScenarioError.
Scenario scenarioFromText(const std::string& text, const std::string& origin);
// Reads and parses a file; JSON syntax errors report line and column. Throws ScenarioError.
Scenario loadScenarioFile(const std::string& path);
// Loads, then validates: throws ScenarioError listing every validation issue (ValidationCancelled when
// `feedback` is cancelled meanwhile).
Scenario loadAndValidateScenarioFile(const std::string& path, Feedback* feedback = nullptr);
// Atomic: writes a temporary file in the same folder, flushes it, then renames it over `path`.
void saveScenarioFile(const std::string& path, const Scenario& scenario);

}  // namespace headroom
