#pragma once
// JSON pointers (RFC 6901) into a scenario document, with one extension that keeps sweep files readable and
// robust to reordering: on an array, a segment that is not an index selects the element whose "name" equals it
// ("/components/api/replicas"). Errors say how far the pointer resolved and what exists there.
#include <string>

#include <nlohmann/json.hpp>

namespace headroom::sweep {

// The value at `pointer` inside `doc`, or nullptr with `why` set (e.g. "'/components/apii' does not exist;
// the array has names: 'api', 'db'").
nlohmann::json* resolvePointer(nlohmann::json& doc, const std::string& pointer, std::string* why = nullptr);

}  // namespace headroom::sweep
