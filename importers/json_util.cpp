#include "importers/json_util.h"

#include <cctype>
#include <cmath>
#include <limits>

#include "importers/parse_util.h"
#include "model/json_depth.h"
#include "model/resource_limits.h"
#include "importers/text_source.h"

namespace headroom::jsonutil {

namespace {

// nlohmann reports "number overflow parsing '1e400'" (out_of_range.406) without a position: find the number's
// first occurrence to name its line, and say what is wrong in our words.
[[noreturn]] void throwNumberOverflow(std::string_view text, const std::string& fileName, long baseLine,
                                      const nlohmann::json::out_of_range& e) {
  const std::string token = overflowingNumber(e.what());
  const auto at = token.empty() ? std::string_view::npos : text.find(token);
  const long line = baseLine > 0 ? baseLine : at == std::string_view::npos ? 0 : lineOfOffset(text, at);
  throw ImportError(fileName, line, "JSON", "number " + (token.empty() ? std::string() : "'" + token + "' ") +
                                                "is beyond the range of a double (about 1.8e308)");
}

void requireShallow(std::string_view text, const std::string& fileName, long baseLine) {
  if (const auto deep = jsonDepthExceeded(text, limits::kMaxJsonDepth))
    throw ImportError(fileName, baseLine > 0 ? baseLine : lineOfOffset(text, *deep),
                      "JSON", "nested more than " + std::to_string(limits::kMaxJsonDepth) + " levels deep");
}

}  // namespace

Json parse(const std::string& text, const std::string& fileName, Feedback* feedback) {
  requireShallow(text, fileName, 0);
  try {
    if (!feedback) return Json::parse(text);
    // A 100 MB document takes seconds to parse: poll from nlohmann's per-value callback (keeps every value).
    std::size_t values = 0;
    return Json::parse(text, [&](int, Json::parse_event_t, Json&) {
      if ((++values & 0xFFFFu) == 0) {
        if (feedback->isCancelled()) throw ImportCancelled(fileName);
        feedback->setProgress(0.0, "parsing JSON");
      }
      return true;
    });
  } catch (const nlohmann::json::parse_error& e) {
    const long line = lineOfOffset(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    const auto pos = what.find("syntax error");
    throw ImportError(fileName, line, "JSON", pos == std::string::npos ? what : what.substr(pos));
  } catch (const nlohmann::json::out_of_range& e) {
    throwNumberOverflow(text, fileName, 0, e);
  }
}

double number(const Json& j, const std::string& fileName, const std::string& path) {
  if (j.is_number()) return j.get<double>();
  if (j.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (j.is_string()) {
    double v;
    if (parseDouble(j.get_ref<const std::string&>(), v)) return v;
    throw ImportError(fileName, 0, path, "not a number: \"" + j.get<std::string>() + "\"");
  }
  throw ImportError(fileName, 0, path, std::string("expected a number, found ") + j.type_name());
}

const Json& member(const Json& j, const char* key, const std::string& fileName, const std::string& path) {
  if (!j.is_object()) throw ImportError(fileName, 0, path, std::string("expected an object, found ") + j.type_name());
  auto it = j.find(key);
  if (it == j.end()) throw ImportError(fileName, 0, path + "." + key, "missing");
  return *it;
}

const Json& array(const Json& j, const std::string& fileName, const std::string& path) {
  if (!j.is_array()) throw ImportError(fileName, 0, path, std::string("expected an array, found ") + j.type_name());
  return j;
}

std::string string(const Json& j, const std::string& fileName, const std::string& path) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number()) return j.dump();
  throw ImportError(fileName, 0, path, std::string("expected a string, found ") + j.type_name());
}

std::string stringOr(const Json& obj, const char* key, const std::string& fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

double time(const Json& j, const std::string& fileName, const std::string& path, int naiveOffsetMin) {
  if (j.is_number()) {
    const double v = j.get<double>();
    if (!std::isfinite(v)) throw ImportError(fileName, 0, path, "time out of range");
    return epochToSeconds(v);
  }
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (auto t = parseTimeToUnix(s, naiveOffsetMin)) return *t;
    double v;
    if (parseDouble(s, v) && std::isfinite(v)) return epochToSeconds(v);
    throw ImportError(fileName, 0, path, "not a time: \"" + s + "\"");
  }
  throw ImportError(fileName, 0, path, std::string("expected a time, found ") + j.type_name());
}

std::string index(std::size_t i) {
  std::string s = std::to_string(i);
  s.insert(s.begin(), '[');
  s.push_back(']');
  return s;
}

char firstNonBlank(std::string_view head) {
  for (char c : head)
    if (!std::isspace(static_cast<unsigned char>(c))) return c;
  return 0;
}

Json parseLine(std::string_view line, const std::string& fileName, long lineNumber) {
  requireShallow(line, fileName, lineNumber);
  try {
    return Json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    throw ImportError(fileName, lineNumber, "JSON", "syntax error at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::out_of_range& e) {
    throwNumberOverflow(line, fileName, lineNumber, e);
  }
}

}  // namespace headroom::jsonutil
