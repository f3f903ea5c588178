#pragma once
// nlohmann_json helpers that turn every shape problem into an ImportError naming the JSON path. Internal to the
// importers library (not installed): nlohmann is a private dependency.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "importers/import_types.h"
#include "model/feedback.h"

namespace headroom::jsonutil {

using Json = nlohmann::json;

// Parses a whole document; syntax errors become ImportError with the line of the offending byte. With a
// feedback, polls it every 65,536 JSON values (ImportCancelled) and reports "parsing JSON" once.
Json parse(const std::string& text, const std::string& fileName, Feedback* feedback = nullptr);
// One record of a JSON-lines file; a syntax error names the file, the line and the byte.
Json parseLine(std::string_view line, const std::string& fileName, long lineNumber);

// Number that may be written as a JSON number or a string ("123", "NaN", "+Inf"); null -> NaN.
double number(const Json& j, const std::string& fileName, const std::string& path);
const Json& member(const Json& j, const char* key, const std::string& fileName, const std::string& path);
const Json& array(const Json& j, const std::string& fileName, const std::string& path);
std::string string(const Json& j, const std::string& fileName, const std::string& path);
// obj[key] when obj is an object holding a string there, else `fallback` (unlike Json::value(), never throws
// on a null or a number).
std::string stringOr(const Json& obj, const char* key, const std::string& fallback);
// Time as ISO string or epoch number (magnitude-guessed unit).
double time(const Json& j, const std::string& fileName, const std::string& path, int naiveOffsetMin = 0);

// "[i]" for JSON paths in messages.
std::string index(std::size_t i);

// First non-blank character of a text head ('{', '[' or 0).
char firstNonBlank(std::string_view head);

}  // namespace headroom::jsonutil
