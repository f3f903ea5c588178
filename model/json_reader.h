#pragma once
// Strict reading of JSON objects for the scenario format: every key a reader is asked about is "known",
// finish() rejects any other key (naming the closest known one, so typos are never silently ignored), and
// every error carries the JSON path of the offending value. Internal to model/; not thread-affine.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace headroom::json_detail {

// A location inside a JSON document: a list of object keys and array indices.
class JsonPath {
 public:
  struct Segment {
    std::string key;          // object member, when index < 0
    std::int64_t index = -1;  // array element
  };

  JsonPath() = default;
  JsonPath key(const std::string& k) const;
  JsonPath index(std::size_t i) const;
  const std::vector<Segment>& segments() const { return segments_; }
  // "components[2].service_time.mean_ms"; keys that are not identifiers are quoted: behaviour["*"].
  std::string str() const;

 private:
  std::vector<Segment> segments_;
};

// A problem at a path. `context` names the entity when known ("component 'api'") to help the reader.
class FieldError : public std::runtime_error {
 public:
  FieldError(JsonPath path, const std::string& what, std::string context = {});
  const JsonPath& path() const { return path_; }
  const std::string& problem() const { return problem_; }
  const std::string& context() const { return context_; }

 private:
  JsonPath path_;
  std::string problem_;
  std::string context_;
};

// "string \"20\"", "array", "null": how a value appears in error messages (truncated).
std::string describeJsonValue(const nlohmann::json& value);
// Edit distance, for "did you mean" suggestions.
std::size_t editDistance(const std::string& a, const std::string& b);
// The candidate closest to `word` when it is plausibly a typo of it, else empty.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

// Typed accessors for a single JSON value at a known path.
double readNumber(const nlohmann::json& v, const JsonPath& path, const std::string& context);
int readInt(const nlohmann::json& v, const JsonPath& path, const std::string& context);
std::int64_t readInt64(const nlohmann::json& v, const JsonPath& path, const std::string& context);
std::uint64_t readUint64(const nlohmann::json& v, const JsonPath& path, const std::string& context);
std::string readString(const nlohmann::json& v, const JsonPath& path, const std::string& context);
bool readBool(const nlohmann::json& v, const JsonPath& path, const std::string& context);
const nlohmann::json& requireArray(const nlohmann::json& v, const JsonPath& path, const std::string& context);

class ObjectReader {
 public:
  // Throws FieldError when `object` is not a JSON object.
  ObjectReader(const nlohmann::json& object, JsonPath path, std::string context = {});

  const JsonPath& path() const { return path_; }
  const std::string& context() const { return context_; }
  void setContext(std::string context) { context_ = std::move(context); }
  JsonPath pathOf(const std::string& key) const { return path_.key(key); }

  bool has(const std::string& key);  // marks the key as known
  const nlohmann::json* optional(const std::string& key);
  const nlohmann::json& required(const std::string& key);

  double number(const std::string& key);
  double numberOr(const std::string& key, double fallback);
  int integerOr(const std::string& key, int fallback);
  std::string string(const std::string& key);
  std::string stringOr(const std::string& key, const std::string& fallback);

  // A duration given as exactly one of `<stem>_s` or `<stem>_ms`; returns seconds. Both present is an error.
  std::optional<double> optionalDurationS(const std::string& stem);
  double durationS(const std::string& stem);

  // Maps a string to an enum value; unknown values list the allowed ones.
  template <typename E>
  E enumeration(const std::string& key, std::initializer_list<std::pair<const char*, E>> values,
                std::optional<E> fallback = std::nullopt);

  // Rejects every key nobody asked about. Call once all fields are read.
  void finish() const;

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
  [[noreturn]] void failHere(const std::string& problem) const;

 private:
  [[noreturn]] void failEnum(const std::string& key, const std::string& value,
                             const std::vector<std::string>& allowed) const;

  const nlohmann::json& object_;
  JsonPath path_;
  std::string context_;
  std::set<std::string> known_;
};

template <typename E>
E ObjectReader::enumeration(const std::string& key, std::initializer_list<std::pair<const char*, E>> values,
                            std::optional<E> fallback) {
  const nlohmann::json* v = fallback ? optional(key) : &required(key);
  if (!v) return *fallback;
  const std::string s = readString(*v, pathOf(key), context_);
  std::vector<std::string> allowed;
  for (const auto& [name, value] : values) {
    if (s == name) return value;
    allowed.emplace_back(name);
  }
  failEnum(key, s, allowed);
}

}  // namespace headroom::json_detail
