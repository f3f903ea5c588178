#include "model/rename_class.h"

#include <algorithm>

namespace headroom {

namespace {

template <typename Value>
void renameKey(std::map<std::string, Value>& m, const std::string& from, const std::string& to) {
  auto node = m.extract(from);
  if (node.empty()) return;
  node.key() = to;
  m.insert(std::move(node));
}

void renameIn(std::vector<std::string>& list, const std::string& from, const std::string& to) {
  std::replace(list.begin(), list.end(), from, to);
}

// Any place a name could already be in use as a class, declared or not: renaming onto it would merge two
// classes' behaviours, which is never what a rename means.
bool usedAsClass(const Scenario& s, const std::string& name) {
  const auto classes = s.allRequestClasses();
  if (std::find(classes.begin(), classes.end(), name) != classes.end()) return true;
  auto has = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), name) != v.end(); };
  for (const Component& c : s.components) {
    if (c.behaviour.count(name) || c.service_time_by_class.count(name)) return true;
    if (c.cache && (c.cache->hit_ratio.count(name) || c.cache->response_bytes.count(name) || has(c.cache->classes) ||
                    has(c.cache->write_classes)))
      return true;
    if (c.database && has(c.database->write_classes)) return true;
  }
  return false;
}

}  // namespace

std::string renameRequestClass(Scenario& s, const std::string& from, const std::string& to) {
  const auto classes = s.allRequestClasses();
  if (std::find(classes.begin(), classes.end(), from) == classes.end()) return "there is no request class '" + from + "'";
  if (to.empty()) return "a class name cannot be empty";
  if (to == kAnyClass) return "'*' means every class; it cannot name one";
  if (to == from) return {};
  if (usedAsClass(s, to)) return "class '" + to + "' already exists (a rename never merges two classes)";

  renameIn(s.request_classes, from, to);
  for (Source& src : s.sources) {
    if (src.mix.empty() && src.name == from) src.mix.push_back({to, 1.0});
    for (ClassShare& share : src.mix)
      if (share.request_class == from) share.request_class = to;
  }
  for (Component& c : s.components) {
    renameKey(c.behaviour, from, to);
    renameKey(c.service_time_by_class, from, to);
    if (c.cache) {
      renameKey(c.cache->hit_ratio, from, to);
      renameKey(c.cache->response_bytes, from, to);
      renameIn(c.cache->classes, from, to);
      renameIn(c.cache->write_classes, from, to);
    }
    if (c.database) renameIn(c.database->write_classes, from, to);
  }
  const std::string oldKey = "by_class[" + from + "]", newKey = "by_class[" + to + "]";
  for (ParameterProvenance& p : s.provenance)
    for (std::size_t at = p.parameter.find(oldKey); at != std::string::npos; at = p.parameter.find(oldKey, at + newKey.size()))
      p.parameter.replace(at, oldKey.size(), newKey);
  return {};
}

}  // namespace headroom
