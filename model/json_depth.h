#pragma once
// Guards for JSON text from outside. A linear scan that finds where a JSON text nests deeper than a limit, before any recursive code (a reader, a
// serializer, a destructor) walks it: a hostile file of 100 KB of '[' must be refused, not overflow the stack.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace headroom {

// Byte offset of the first '[' or '{' that opens level `max_depth + 1`, or nullopt when the text stays within
// it. Brackets inside strings do not count. The text need not be valid JSON.
std::optional<std::size_t> jsonDepthExceeded(std::string_view text, int max_depth);

// nlohmann reports a number beyond double range as out_of_range.406 "number overflow parsing '1e400'", without a
// position: the number's text ("1e400", or "" when the message has none), so the caller can find and name it.
std::string overflowingNumber(const std::string& what);

}  // namespace headroom
