#include "model/json_depth.h"

namespace headroom {

std::optional<std::size_t> jsonDepthExceeded(std::string_view text, int max_depth) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::string overflowingNumber(const std::string& what) {
  const auto open = what.find('\'');
  const auto close = open == std::string::npos ? open : what.find('\'', open + 1);
  return close == std::string::npos ? std::string() : what.substr(open + 1, close - open - 1);
}

}  // namespace headroom
