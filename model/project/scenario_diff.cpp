#include "model/project/scenario_diff.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace headroom {

namespace {

nlohmann::json parseSide(const std::string& text, const char* side) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string(side) + " version is not JSON: " + e.what());
  }
}

std::string shorten(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  text.resize(max);
  return text + "…";
}

}  // namespace

std::vector<JsonChange> diffJsonText(const std::string& before, const std::string& after) {
  const nlohmann::json a = parseSide(before, "the older"), b = parseSide(after, "the newer");
  std::vector<JsonChange> out;
  for (const auto& op : nlohmann::json::diff(a, b)) {
    const std::string kind = op.at("op").get<std::string>();
    const std::string path = op.at("path").get<std::string>();
    JsonChange c;
    c.pointer = path.empty() ? "/" : path;
    const nlohmann::json::json_pointer ptr(path);
    if (kind == "add") {
      c.kind = JsonChange::Kind::Added;
      c.new_value = op.at("value").dump();
    } else if (kind == "remove") {
      c.kind = JsonChange::Kind::Removed;
      c.old_value = a.at(ptr).dump();
    } else {  // replace (diff() emits no move/copy/test)
      c.kind = JsonChange::Kind::Changed;
      c.old_value = a.at(ptr).dump();
      c.new_value = op.at("value").dump();
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string formatJsonChanges(const std::vector<JsonChange>& changes, std::size_t max_value_chars) {
  if (changes.empty()) return "no differences\n";
  std::string text;
  for (const auto& c : changes) {
    switch (c.kind) {
      case JsonChange::Kind::Added: text += "+ " + c.pointer + ": " + shorten(c.new_value, max_value_chars); break;
      case JsonChange::Kind::Removed: text += "- " + c.pointer + ": " + shorten(c.old_value, max_value_chars); break;
      case JsonChange::Kind::Changed:
        text += "~ " + c.pointer + ": " + shorten(c.old_value, max_value_chars) + " -> " + shorten(c.new_value, max_value_chars);
        break;
    }
    text += "\n";
  }
  return text;
}

}  // namespace headroom
