#pragma once
// JSON as text for humans: a readable layout for saved files, and positions (line, column) of a byte offset
// or of a JSON path in the original text, so errors can point into the file. Internal to model/.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "model/json_reader.h"

namespace headroom::json_detail {

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8 code points)
};

// Position of the character at 0-based byte `offset` (clamped to the text).
TextPosition positionAt(const std::string& text, std::size_t offset);

// Byte offset where the value at `path` starts in `text` (valid JSON). When the path leaves the document
// (a missing key), the offset of the deepest existing ancestor; nullopt only if the text is not JSON.
std::optional<std::size_t> findPathOffset(const std::string& text, const JsonPath& path);

// The first key that appears twice in one object (path of the second occurrence, its byte offset), if any.
std::optional<std::pair<JsonPath, std::size_t>> findDuplicateKey(const std::string& text);

// Two-space indented JSON in the given key order, with short arrays and objects kept on one line
// (hourly factors, distributions, route choices) so a saved scenario stays easy to read.
std::string dumpReadable(const nlohmann::ordered_json& value);

}  // namespace headroom::json_detail
