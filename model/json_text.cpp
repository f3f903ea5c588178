#include "model/json_text.h"

#include <algorithm>
#include <set>

namespace headroom::json_detail {

TextPosition positionAt(const std::string& text, std::size_t offset) {
  TextPosition pos;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // UTF-8 continuation bytes do not start a character
      ++pos.column;
    }
  }
  return pos;
}

namespace {

// A forgiving scanner over text that nlohmann already accepted, so it only has to find value boundaries.
class Scanner {
 public:
  explicit Scanner(const std::string& text) : t_(text) {
    if (t_.compare(0, 3, "\xEF\xBB\xBF") == 0) i_ = 3;  // nlohmann skips a UTF-8 byte order mark too
  }

  std::size_t pos() const { return i_; }
  bool atEnd() const { return i_ >= t_.size(); }
  char peek() const { return atEnd() ? '\0' : t_[i_]; }

  void skipSpace() {
    while (!atEnd() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }
  bool consume(char c) {
    skipSpace();
    if (peek() != c) return false;
    ++i_;
    return true;
  }

  std::string readString() {
    std::string out;
    if (peek() != '"') return out;
    ++i_;
    while (!atEnd() && t_[i_] != '"') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
        const char e = t_[++i_];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': {
            // Rare in keys; decode only the basic plane, enough to match keys by name.
            const unsigned cp = i_ + 4 < t_.size() ? std::stoul(t_.substr(i_ + 1, 4), nullptr, 16) : 0;
            i_ += 4;
            if (cp < 0x80) {
              out += static_cast<char>(cp);
            } else if (cp < 0x800) {
              out += static_cast<char>(0xC0 | (cp >> 6));
              out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
              out += static_cast<char>(0xE0 | (cp >> 12));
              out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
              out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            break;
          }
          default: out += e;
        }
        ++i_;
      } else {
        out += t_[i_++];
      }
    }
    ++i_;  // closing quote
    return out;
  }

  void skipValue() {
    skipSpace();
    const char c = peek();
    if (c == '"') {
      readString();
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      if (consume(close)) return;
      do {
        skipSpace();
        if (c == '{') {
          readString();
          consume(':');
        }
        skipValue();
      } while (consume(','));
      consume(close);
    } else {
      while (!atEnd() && std::string(",}] \t\r\n").find(t_[i_]) == std::string::npos) ++i_;
    }
  }

 private:
  const std::string& t_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<std::size_t> findPathOffset(const std::string& text, const JsonPath& path) {
  Scanner s(text);
  s.skipSpace();
  if (s.atEnd()) return std::nullopt;
  std::size_t found = s.pos();
  for (const auto& seg : path.segments()) {
    bool matched = false;
    if (seg.index < 0) {
      if (!s.consume('{')) return found;
      if (s.consume('}')) return found;
      do {
        s.skipSpace();
        const std::string key = s.readString();
        s.consume(':');
        s.skipSpace();
        if (key == seg.key) {
          matched = true;
          break;
        }
        s.skipValue();
      } while (s.consume(','));
    } else {
      if (!s.consume('[')) return found;
      if (s.consume(']')) return found;
      std::int64_t i = 0;
      do {
        s.skipSpace();
        if (i == seg.index) {
          matched = true;
          break;
        }
        s.skipValue();
        ++i;
      } while (s.consume(','));
    }
    if (!matched) return found;
    found = s.pos();
  }
  return found;
}

namespace {

bool findDuplicateIn(Scanner& s, const JsonPath& path, std::optional<std::pair<JsonPath, std::size_t>>& found) {
  s.skipSpace();
  if (s.peek() == '{') {
    s.consume('{');
    if (s.consume('}')) return false;
    std::set<std::string> keys;
    do {
      s.skipSpace();
      const std::size_t keyOffset = s.pos();
      const std::string key = s.readString();
      if (!keys.insert(key).second) {
        found = std::make_pair(path.key(key), keyOffset);
        return true;
      }
      s.consume(':');
      if (findDuplicateIn(s, path.key(key), found)) return true;
    } while (s.consume(','));
    s.consume('}');
  } else if (s.peek() == '[') {
    s.consume('[');
    if (s.consume(']')) return false;
    std::size_t i = 0;
    do {
      if (findDuplicateIn(s, path.index(i++), found)) return true;
    } while (s.consume(','));
    s.consume(']');
  } else {
    s.skipValue();
  }
  return false;
}

}  // namespace

std::optional<std::pair<JsonPath, std::size_t>> findDuplicateKey(const std::string& text) {
  Scanner s(text);
  std::optional<std::pair<JsonPath, std::size_t>> found;
  findDuplicateIn(s, JsonPath{}, found);
  return found;
}

namespace {

constexpr std::size_t kLineWidth = 100;

bool isScalar(const nlohmann::ordered_json& v) { return !v.is_object() && !v.is_array(); }

int depth(const nlohmann::ordered_json& v) {
  if (isScalar(v)) return 0;
  int d = 0;
  for (const auto& e : v) d = std::max(d, depth(e));
  return d + 1;
}

std::string compact(const nlohmann::ordered_json& v) {
  if (isScalar(v)) return v.dump();
  std::string out = v.is_object() ? "{" : "[";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    if (v.is_object()) out += nlohmann::json(it.key()).dump() + ": ";
    out += compact(*it);
  }
  return out + (v.is_object() ? "}" : "]");
}

void write(const nlohmann::ordered_json& v, std::size_t indent, std::size_t column, bool topLevel,
           std::string& out) {
  if (isScalar(v) || v.empty()) {
    out += compact(v);
    return;
  }
  // Inside a source or component anything that fits stays on one line; at the top level only flat blocks
  // (simulation settings, class list) do, so every source and component starts on its own line.
  if (!topLevel && (indent >= 4 || depth(v) <= 1)) {
    const std::string one = compact(v);
    if (column + one.size() + 1 <= kLineWidth) {
      out += one;
      return;
    }
  }
  const std::string pad(indent + 2, ' ');
  out += v.is_object() ? "{\n" : "[\n";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ",\n";
    first = false;
    out += pad;
    std::size_t col = pad.size();
    if (v.is_object()) {
      const std::string key = nlohmann::json(it.key()).dump() + ": ";
      out += key;
      col += key.size();
    }
    write(*it, indent + 2, col, false, out);
  }
  out += "\n" + std::string(indent, ' ') + (v.is_object() ? "}" : "]");
}

}  // namespace

std::string dumpReadable(const nlohmann::ordered_json& value) {
  std::string out;
  write(value, 0, 0, true, out);
  out += "\n";
  return out;
}

}  // namespace headroom::json_detail
