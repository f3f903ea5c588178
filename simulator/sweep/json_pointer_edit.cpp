#include "simulator/sweep/json_pointer_edit.h"

#include <cctype>
#include <vector>

#include "model/json_reader.h"

namespace headroom::sweep {
namespace {

std::vector<std::string> splitPointer(const std::string& pointer) {
  std::vector<std::string> segments;
  std::string current;
  for (std::size_t i = 1; i < pointer.size(); ++i) {
    const char c = pointer[i];
    if (c == '/') {
      segments.push_back(current);
      current.clear();
    } else if (c == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      current += pointer[++i] == '0' ? '~' : '/';
    } else {
      current += c;
    }
  }
  segments.push_back(current);
  return segments;
}

bool isIndex(const std::string& s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return s.size() < 10;
}

std::string keysOf(const nlohmann::json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "'" : ", '") + k + "'";
  return out.empty() ? "none" : out;
}

std::vector<std::string> namesOf(const nlohmann::json& array) {
  std::vector<std::string> names;
  for (const auto& e : array)
    if (e.is_object() && e.contains("name") && e["name"].is_string()) names.push_back(e["name"].get<std::string>());
  return names;
}

}  // namespace

nlohmann::json* resolvePointer(nlohmann::json& doc, const std::string& pointer, std::string* why) {
  auto fail = [&](const std::string& message) -> nlohmann::json* {
    if (why) *why = message;
    return nullptr;
  };
  if (pointer.empty() || pointer[0] != '/') return fail("'" + pointer + "' is not a JSON pointer (it must start with '/')");
  nlohmann::json* at = &doc;
  std::string walked;
  for (const std::string& seg : splitPointer(pointer)) {
    const std::string here = walked.empty() ? "the document root" : "'" + walked + "'";
    walked += "/" + seg;
    if (at->is_object()) {
      auto it = at->find(seg);
      if (it == at->end()) {
        std::vector<std::string> keys;
        for (auto k = at->begin(); k != at->end(); ++k) keys.push_back(k.key());
        const std::string near = json_detail::closestMatch(seg, keys);
        return fail("'" + walked + "' does not exist (" + here + " has keys " + keysOf(*at) + ")" +
                    (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
      at = &*it;
    } else if (at->is_array()) {
      if (isIndex(seg)) {
        const std::size_t i = std::stoul(seg);
        if (i >= at->size())
          return fail("'" + walked + "' does not exist (" + here + " has " + std::to_string(at->size()) + " elements)");
        at = &(*at)[i];
      } else {
        nlohmann::json* found = nullptr;
        for (auto& e : *at)
          if (e.is_object() && e.contains("name") && e["name"] == seg) found = &e;
        if (!found) {
          const auto names = namesOf(*at);
          std::string list;
          for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
          const std::string near = json_detail::closestMatch(seg, names);
          return fail("'" + walked + "' does not exist (no element of " + here + " is named '" + seg + "'; names: " +
                      (list.empty() ? "none" : list) + ")" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
        }
        at = found;
      }
    } else {
      return fail("'" + walked + "' does not exist (" + here + " is a " + std::string(at->type_name()) +
                  ", not an object or array)");
    }
  }
  return at;
}

}  // namespace headroom::sweep
