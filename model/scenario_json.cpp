#include "model/scenario_json.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/atomic_file.h"
#include "model/json_depth.h"
#include "model/json_reader.h"
#include "model/json_text.h"
#include "model/scenario_codec.h"
#include "model/resource_limits.h"
#include "model/validation.h"

namespace headroom {

namespace {

std::string lineColumn(const std::string& text, std::size_t offset) {
  const auto pos = json_detail::positionAt(text, offset);
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

// nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 3, column 8: ";
// keep only the description, our own prefix carries the position.
std::string syntaxDescription(const std::string& what) {
  const auto column = what.find("column ");
  if (column != std::string::npos) {
    const auto colon = what.find(": ", column);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  return what;
}

}  // namespace

Scenario scenarioFromJson(const nlohmann::json& json, const std::string& origin) {
  try {
    return json_detail::readScenario(json);
  } catch (const json_detail::FieldError& e) {
    throw ScenarioError(origin + ": " + e.what());
  }
}

nlohmann::json scenarioToJson(const Scenario& scenario) {
  return nlohmann::json(json_detail::writeScenario(scenario));
}

Scenario loadScenarioFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ScenarioError(path + ": is a folder, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the file: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ScenarioError(path + ": cannot read the file: " + std::strerror(errno));
  return scenarioFromText(buffer.str(), path);
}

Scenario scenarioFromText(const std::string& text, const std::string& origin) {
  // nlohmann and our reader walk nested values recursively: refuse absurd nesting before either sees it.
  if (const auto deep = jsonDepthExceeded(text, limits::kMaxJsonDepth))
    throw ScenarioError(origin + ": " + lineColumn(text, *deep) + ": nested more than " +
                        std::to_string(limits::kMaxJsonDepth) + " levels deep");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is the 1-based index of the last character read, where the parser gave up.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    throw ScenarioError(origin + ": " + lineColumn(text, offset) + ": JSON syntax error: " + syntaxDescription(e.what()));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double range ("1e400") is reported by nlohmann as out_of_range, without a position:
    // find the number's text to point at it.
    const std::string token = overflowingNumber(e.what());
    const auto at = token.empty() ? std::string::npos : text.find(token);
    throw ScenarioError(origin + ": " + (at == std::string::npos ? std::string() : lineColumn(text, at) + ": ") +
                        "number " + (token.empty() ? std::string() : token + " ") +
                        "is beyond the range of a double (about 1.8e308)");
  }

  // nlohmann keeps the last of two equal keys without a word; a duplicated key is almost always an edit
  // mistake (two "rate" blocks), so it is an error here.
  if (const auto dup = json_detail::findDuplicateKey(text))
    throw ScenarioError(origin + ": " + lineColumn(text, dup->second) + ": " + dup->first.str() +
                        ": duplicate key (the same key appears twice in this object)");

  try {
    return json_detail::readScenario(json);
  } catch (const json_detail::FieldError& e) {
    const auto offset = json_detail::findPathOffset(text, e.path());
    const std::string where = offset ? origin + ": " + lineColumn(text, *offset) : origin;
    throw ScenarioError(where + ": " + e.what());
  }
}

Scenario loadAndValidateScenarioFile(const std::string& path, Feedback* feedback) {
  Scenario scenario = loadScenarioFile(path);
  const auto issues = validateScenario(scenario, feedback);
  if (issues.empty()) return scenario;
  std::string message = path + ": the scenario has " + std::to_string(issues.size()) +
                        (issues.size() == 1 ? " problem:" : " problems:");
  for (const auto& issue : issues) message += "\n  " + issue.message();
  throw ScenarioError(message);
}

void saveScenarioFile(const std::string& path, const Scenario& scenario) {
  const std::string text = json_detail::dumpReadable(json_detail::writeScenario(scenario));
  try {
    writeFileAtomically(path, text);
  } catch (const std::exception& e) {
    throw ScenarioError(e.what());
  }
}

}  // namespace headroom
