#include "app/cli_series_select.h"

#include <cstdint>
#include <set>
#include <stdexcept>

namespace headroom::cli {

SeriesSelector parseSelector(const std::string& text) {
  SeriesSelector s;
  const auto brace = text.find('{');
  s.name = text.substr(0, brace);
  if (brace == std::string::npos) return s;
  if (text.back() != '}') throw UsageError("series '" + text + "': expected name{label=\"value\",...}");
  std::string body = text.substr(brace + 1, text.size() - brace - 2);
  std::size_t i = 0;
  while (i < body.size()) {
    const auto eq = body.find('=', i);
    if (eq == std::string::npos) throw UsageError("series '" + text + "': expected label=value");
    std::string key = body.substr(i, eq - i);
    std::size_t j = eq + 1;
    std::string value;
    if (j < body.size() && body[j] == '"') {
      const auto close = body.find('"', j + 1);
      if (close == std::string::npos) throw UsageError("series '" + text + "': unterminated quote");
      value = body.substr(j + 1, close - j - 1);
      j = close + 1;
    } else {
      const auto comma = body.find(',', j);
      value = body.substr(j, comma == std::string::npos ? std::string::npos : comma - j);
      j = comma == std::string::npos ? body.size() : comma;
    }
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    s.labels[key] = value;
    if (j < body.size() && body[j] == ',') ++j;
    i = j;
  }
  return s;
}

std::string selectorText(const SeriesSelector& s) {
  std::string out = s.name;
  std::string labels;
  for (const auto& [k, v] : s.labels) labels += (labels.empty() ? "" : ",") + k + "=\"" + v + "\"";
  return labels.empty() ? out : out + "{" + labels + "}";
}

SeriesCatalog::SeriesCatalog(Project& project) : project_(project), all_(project.listSeries()) {}

std::vector<SeriesInfo> SeriesCatalog::matching(const SeriesSelector& sel) const {
  std::vector<SeriesInfo> out;
  for (const auto& s : all_) {
    if (s.name != sel.name) continue;
    bool ok = true;
    for (const auto& [k, v] : sel.labels) {
      const auto it = s.labels.find(k);
      ok = ok && it != s.labels.end() && it->second == v;
    }
    if (ok) out.push_back(s);
  }
  return out;
}

std::optional<TimeSeries> SeriesCatalog::loadOne(const SeriesSelector& sel, std::vector<std::string>* notes) {
  const auto m = matching(sel);
  if (m.empty()) return std::nullopt;
  // Same labels imported twice: the newest import wins. Different label sets: ambiguous.
  std::set<std::map<std::string, std::string>> labelSets;
  for (const auto& s : m) labelSets.insert(s.labels);
  if (labelSets.size() > 1) {
    std::string list;
    for (const auto& s : m) list += "\n  " + selectorText({s.name, s.labels});
    throw UsageError("series " + selectorText(sel) + " is ambiguous; add labels to pick one of:" + list);
  }
  if (m.size() > 1 && notes)
    notes->push_back(selectorText(sel) + " was imported " + std::to_string(m.size()) + " times: using the latest (#" +
                     std::to_string(m.back().id) + ")");
  return project_.loadSeries(m.back().id);
}

TimeSeries SeriesCatalog::require(const SeriesSelector& sel, const std::string& what, std::vector<std::string>* notes) {
  if (auto s = loadOne(sel, notes)) return *s;
  std::set<std::string> names;
  for (const auto& s : all_) names.insert(s.name);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw std::runtime_error(what + ": no series " + selectorText(sel) + " in " + project_.path() +
                           " (series names there: " + (list.empty() ? "none" : list) + ")");
}

std::vector<TimeSeries> SeriesCatalog::loadAll(const SeriesSelector& sel) {
  // One series per label set (the newest import of each).
  std::map<std::map<std::string, std::string>, std::int64_t> newest;
  for (const auto& s : matching(sel)) newest[s.labels] = s.id;
  std::vector<TimeSeries> out;
  for (const auto& [labels, id] : newest) out.push_back(project_.loadSeries(id));
  return out;
}

calibration::TimeWindow windowOption(const Args& a) {
  calibration::TimeWindow w;
  try {
    if (auto v = a.value("from")) w.from = calibration::parseTimeBound(*v, "--from");
    if (auto v = a.value("to")) w.to = calibration::parseTimeBound(*v, "--to");
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return w;
}

}  // namespace headroom::cli
