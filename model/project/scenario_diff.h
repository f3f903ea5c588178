#pragma once
// A readable diff of two JSON documents (two versions of a scenario): one line per change, addressed by JSON
// pointer, with the old and the new value. Built on nlohmann's RFC 6902 diff, so it is minimal and ordered the way
// the documents are. Plain C++; pure.
#include <string>
#include <vector>

namespace headroom {

struct JsonChange {
  enum class Kind { Added, Removed, Changed };
  Kind kind = Kind::Changed;
  std::string pointer;    // e.g. /components/0/workers_per_replica
  std::string old_value;  // compact JSON text; empty for Added
  std::string new_value;  // compact JSON text; empty for Removed
};

// Throws std::invalid_argument naming which side is not JSON.
std::vector<JsonChange> diffJsonText(const std::string& before, const std::string& after);

// "~ /simulation/seed: 1 -> 2", "+ /components/3: {...}", "- /sources/1: {...}"; "no differences" when equal.
// Values longer than `max_value_chars` are shortened with "…".
std::string formatJsonChanges(const std::vector<JsonChange>& changes, std::size_t max_value_chars = 160);

}  // namespace headroom
