#include "importers/series_builder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace headroom {

std::string seriesKey(const std::string& name, const std::map<std::string, std::string>& labels) {
  std::string key = name;
  if (!labels.empty()) {
    key += '{';
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) key += ',';
      first = false;
      key += k + "=\"" + v + "\"";
    }
    key += '}';
  }
  return key;
}

std::size_t SeriesBuilder::series(const std::string& name, const std::map<std::string, std::string>& labels,
                                  const std::string& unit) {
  const std::string key = seriesKey(name, labels);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  TimeSeries s;
  s.name = name;
  s.labels = labels;
  s.unit = unit;
  series_.push_back(std::move(s));
  index_.emplace(key, series_.size() - 1);
  return series_.size() - 1;
}

void finaliseSeries(TimeSeries& s, std::vector<ImportWarning>& warnings) {
  // A point without a finite time cannot be placed (and NaN would break the sort's ordering): drop it, loudly.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < s.time_s.size(); ++i)
    if (std::isfinite(s.time_s[i])) {
      s.time_s[kept] = s.time_s[i];
      s.value[kept] = s.value[i];
      ++kept;
    }
  if (kept != s.time_s.size()) {
    warnings.push_back({WarningKind::MalformedLine, 0,
                        seriesKey(s.name, s.labels) + ": " + std::to_string(s.time_s.size() - kept) +
                            " point(s) without a finite time dropped"});
    s.time_s.resize(kept);
    s.value.resize(kept);
  }
  const std::size_t n = s.time_s.size();
  bool sorted = true;
  for (std::size_t i = 1; i < n && sorted; ++i) sorted = !(s.time_s[i] < s.time_s[i - 1]);
  if (!sorted) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return s.time_s[a] < s.time_s[b]; });
    std::vector<double> t(n), v(n);
    for (std::size_t i = 0; i < n; ++i) {
      t[i] = s.time_s[order[i]];
      v[i] = s.value[order[i]];
    }
    s.time_s.swap(t);
    s.value.swap(v);
    warnings.push_back({WarningKind::Unsorted, 0, seriesKey(s.name, s.labels) + ": points were not in time order; sorted"});
  }
  std::size_t dups = 0;
  double firstDup = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (s.time_s[i] == s.time_s[i - 1]) {
      if (dups == 0) firstDup = s.time_s[i];
      ++dups;
    }
  if (dups)
    warnings.push_back({WarningKind::DuplicateTimestamp, 0,
                        seriesKey(s.name, s.labels) + ": " + std::to_string(dups) +
                            " duplicate timestamp(s), first at " + std::to_string(firstDup) + " s; all kept"});
}

std::vector<TimeSeries> SeriesBuilder::finish(std::vector<ImportWarning>& warnings, bool dropEmpty) {
  std::vector<TimeSeries> out;
  out.reserve(series_.size());
  for (auto& s : series_) {
    if (dropEmpty && s.time_s.empty()) continue;
    finaliseSeries(s, warnings);
    out.push_back(std::move(s));
  }
  series_.clear();
  index_.clear();
  return out;
}

}  // namespace headroom
