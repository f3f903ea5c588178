#include "model/json_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace headroom::json_detail {

namespace {

bool isIdentifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::string joinQuoted(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

std::string composeMessage(const std::string& problem, const std::string& context) {
  return context.empty() ? problem : problem + " (in " + context + ")";
}

// An integral value that fits the target type, from an integer or an integral float ("2.0").
template <typename T>
T readIntegral(const nlohmann::json& v, const JsonPath& path, const std::string& context, const char* what) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(u);
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if constexpr (std::is_signed_v<T>) {
      if (i >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
          i <= static_cast<std::int64_t>(std::numeric_limits<T>::max()))
        return static_cast<T>(i);
    } else {
      if (i < 0) throw FieldError(path, std::string("must be ") + what + ", got " + describeJsonValue(v), context);
      return static_cast<T>(i);
    }
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d != std::floor(d))
      throw FieldError(path, std::string("must be ") + what + ", got " + describeJsonValue(v), context);
    // max() + 1 is a power of two and exact as a double, unlike max() itself for 64-bit types.
    if (d >= static_cast<double>(std::numeric_limits<T>::min()) &&
        d < static_cast<double>(std::numeric_limits<T>::max()) + 1.0)
      return static_cast<T>(d);
  } else {
    throw FieldError(path, std::string("must be ") + what + ", got " + describeJsonValue(v), context);
  }
  throw FieldError(path, std::string("is out of range for ") + what + ": " + describeJsonValue(v), context);
}

}  // namespace

JsonPath JsonPath::key(const std::string& k) const {
  JsonPath p = *this;
  p.segments_.push_back({k, -1});
  return p;
}

JsonPath JsonPath::index(std::size_t i) const {
  JsonPath p = *this;
  p.segments_.push_back({{}, static_cast<std::int64_t>(i)});
  return p;
}

std::string JsonPath::str() const {
  std::string out;
  for (const auto& s : segments_) {
    if (s.index >= 0) {
      out += "[" + std::to_string(s.index) + "]";
    } else if (isIdentifier(s.key)) {
      if (!out.empty()) out += ".";
      out += s.key;
    } else {
      out += "[" + nlohmann::json(s.key).dump() + "]";
    }
  }
  return out.empty() ? "(top level)" : out;
}

FieldError::FieldError(JsonPath path, const std::string& what, std::string context)
    : std::runtime_error(path.str() + ": " + composeMessage(what, context)),
      path_(std::move(path)),
      problem_(what),
      context_(std::move(context)) {}

std::string describeJsonValue(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: {
      std::string s = value.dump();
      if (s.size() > 40) s = s.substr(0, 37) + "...\"";
      return "string " + s;
    }
    default: return "number " + value.dump();
  }
}

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                                       std::tolower(static_cast<unsigned char>(b[j - 1]))
                                                   ? 0
                                                   : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  // A third of the word (at least 1, at most 3 edits) separates typos from unrelated words.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  return bestDistance <= limit ? best : std::string();
}

double readNumber(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  if (!v.is_number()) throw FieldError(path, "must be a number, got " + describeJsonValue(v), context);
  return v.get<double>();
}

int readInt(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  return readIntegral<int>(v, path, context, "a whole number");
}

std::int64_t readInt64(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  return readIntegral<std::int64_t>(v, path, context, "a whole number");
}

std::uint64_t readUint64(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  return readIntegral<std::uint64_t>(v, path, context, "a non-negative whole number");
}

std::string readString(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  if (!v.is_string()) throw FieldError(path, "must be a string, got " + describeJsonValue(v), context);
  return v.get<std::string>();
}

bool readBool(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  if (!v.is_boolean()) throw FieldError(path, "must be true or false, got " + describeJsonValue(v), context);
  return v.get<bool>();
}

const nlohmann::json& requireArray(const nlohmann::json& v, const JsonPath& path, const std::string& context) {
  if (!v.is_array()) throw FieldError(path, "must be an array, got " + describeJsonValue(v), context);
  return v;
}

ObjectReader::ObjectReader(const nlohmann::json& object, JsonPath path, std::string context)
    : object_(object), path_(std::move(path)), context_(std::move(context)) {
  if (!object_.is_object())
    throw FieldError(path_, "must be an object, got " + describeJsonValue(object_), context_);
}

bool ObjectReader::has(const std::string& key) {
  known_.insert(key);
  return object_.contains(key);
}

const nlohmann::json* ObjectReader::optional(const std::string& key) {
  known_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

const nlohmann::json& ObjectReader::required(const std::string& key) {
  const nlohmann::json* v = optional(key);
  if (!v) failHere("missing required key '" + key + "'");
  return *v;
}

double ObjectReader::number(const std::string& key) { return readNumber(required(key), pathOf(key), context_); }

double ObjectReader::numberOr(const std::string& key, double fallback) {
  const nlohmann::json* v = optional(key);
  return v ? readNumber(*v, pathOf(key), context_) : fallback;
}

int ObjectReader::integerOr(const std::string& key, int fallback) {
  const nlohmann::json* v = optional(key);
  return v ? readInt(*v, pathOf(key), context_) : fallback;
}

std::string ObjectReader::string(const std::string& key) { return readString(required(key), pathOf(key), context_); }

std::string ObjectReader::stringOr(const std::string& key, const std::string& fallback) {
  const nlohmann::json* v = optional(key);
  return v ? readString(*v, pathOf(key), context_) : fallback;
}

std::optional<double> ObjectReader::optionalDurationS(const std::string& stem) {
  const std::string keyS = stem + "_s", keyMs = stem + "_ms";
  const nlohmann::json* s = optional(keyS);
  const nlohmann::json* ms = optional(keyMs);
  if (s && ms) fail(keyMs, "give either '" + keyS + "' or '" + keyMs + "', not both");
  if (s) return readNumber(*s, pathOf(keyS), context_);
  if (ms) return readNumber(*ms, pathOf(keyMs), context_) / 1000.0;
  return std::nullopt;
}

double ObjectReader::durationS(const std::string& stem) {
  const auto v = optionalDurationS(stem);
  if (!v) failHere("missing required key '" + stem + "_s' (or '" + stem + "_ms')");
  return *v;
}

void ObjectReader::finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key)) continue;
    const std::vector<std::string> known(known_.begin(), known_.end());
    const std::string guess = closestMatch(key, known);
    std::string msg = "unknown key '" + key + "'";
    if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
    else if (!known.empty()) msg += "; allowed here: " + joinQuoted(known);
    throw FieldError(path_.key(key), msg, context_);
  }
}

void ObjectReader::fail(const std::string& key, const std::string& problem) const {
  throw FieldError(pathOf(key), problem, context_);
}

void ObjectReader::failHere(const std::string& problem) const { throw FieldError(path_, problem, context_); }

void ObjectReader::failEnum(const std::string& key, const std::string& value,
                            const std::vector<std::string>& allowed) const {
  std::string msg = "unknown value '" + value + "'; allowed: " + joinQuoted(allowed);
  const std::string guess = closestMatch(value, allowed);
  if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
  fail(key, msg);
}

}  // namespace headroom::json_detail
