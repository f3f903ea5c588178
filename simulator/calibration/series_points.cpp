#include "simulator/calibration/series_points.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace headroom::calibration {

std::string describe(const TimeSeries& s) {
  std::string d = s.name.empty() ? std::string("(unnamed series)") : s.name;
  if (!s.labels.empty()) {
    d += '{';
    bool first = true;
    for (const auto& [k, v] : s.labels) {
      if (!first) d += ',';
      d += k + "=" + v;
      first = false;
    }
    d += '}';
  }
  return d;
}

std::vector<Point> finitePoints(const TimeSeries& s, int* gaps) {
  if (s.time_s.size() != s.value.size())
    throw std::invalid_argument("series " + describe(s) + ": " + std::to_string(s.time_s.size()) + " times but " +
                                std::to_string(s.value.size()) + " values");
  std::vector<Point> pts;
  pts.reserve(s.size());
  int skipped = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!std::isfinite(s.time_s[i])) continue;
    if (!std::isfinite(s.value[i])) {
      ++skipped;
      continue;
    }
    pts.push_back({s.time_s[i], s.value[i]});
  }
  // Stable sort keeps the file order among equal times, so "the later one wins" is well defined.
  std::stable_sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.t_s < b.t_s; });
  std::vector<Point> out;
  out.reserve(pts.size());
  for (const auto& p : pts) {
    if (!out.empty() && out.back().t_s == p.t_s) out.back() = p;
    else out.push_back(p);
  }
  if (gaps) *gaps = skipped;
  return out;
}

double medianStep_s(const TimeSeries& s) {
  std::vector<double> t;
  for (double x : s.time_s)
    if (std::isfinite(x)) t.push_back(x);
  std::sort(t.begin(), t.end());
  std::vector<double> d;
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i] > t[i - 1]) d.push_back(t[i] - t[i - 1]);
  if (d.empty()) return 0.0;
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  return d[d.size() / 2];
}

TimeSeries toRatePerSecond(const TimeSeries& s, double count_interval_s, std::string* note) {
  TimeSeries out = s;
  if (s.unit == "1/s") return out;
  if (s.unit.empty()) {
    if (note) *note = "series " + describe(s) + " has no unit; its values are taken as requests per second";
    out.unit = "1/s";
    return out;
  }
  if (s.unit == "count") {
    double step = count_interval_s > 0 ? count_interval_s : medianStep_s(s);
    if (!(step > 0))
      throw std::invalid_argument("series " + describe(s) +
                                  ": unit 'count' needs the interval each value covers, but the series has fewer "
                                  "than two sample times and no interval was given");
    for (double& v : out.value) v /= step;
    out.unit = "1/s";
    if (note && !(count_interval_s > 0))
      *note = "series " + describe(s) + ": counts divided by the median sampling step of " + std::to_string(step) +
              " s to give requests per second";
    return out;
  }
  throw std::invalid_argument("series " + describe(s) + ": unit '" + s.unit +
                              "' is not a request rate; expected '1/s', 'count' or no unit");
}

TimeSeries toFraction(const TimeSeries& s, std::string* note) {
  TimeSeries out = s;
  if (s.unit == "ratio") return out;
  bool percent = s.unit == "percent";
  if (s.unit.empty()) {
    for (double v : s.value)
      if (std::isfinite(v) && v > 1.5) percent = true;
    if (note)
      *note = "series " + describe(s) + " has no unit; read as " +
              (percent ? std::string("percent (a value exceeds 1.5)") : std::string("a fraction (all values <= 1.5)"));
  } else if (!percent) {
    throw std::invalid_argument("series " + describe(s) + ": unit '" + s.unit +
                                "' is not a utilization; expected 'ratio', 'percent' or no unit");
  }
  if (percent)
    for (double& v : out.value) v /= 100.0;
  out.unit = "ratio";
  return out;
}

TimeSeries toSeconds(const TimeSeries& s) {
  TimeSeries out = s;
  if (s.unit == "s") return out;
  if (s.unit == "ms") {
    for (double& v : out.value) v /= 1000.0;
    out.unit = "s";
    return out;
  }
  throw std::invalid_argument("series " + describe(s) + ": unit '" + s.unit +
                              "' is not a duration; expected 's' or 'ms'");
}

int nearestIndex(const std::vector<Point>& sorted, double t_s, double tolerance_s) {
  if (sorted.empty()) return -1;
  const auto it =
      std::lower_bound(sorted.begin(), sorted.end(), t_s, [](const Point& p, double t) { return p.t_s < t; });
  int best = -1;
  double bestDist = tolerance_s;
  auto consider = [&](std::vector<Point>::const_iterator c) {
    const double d = std::abs(c->t_s - t_s);
    if (d <= bestDist) {
      bestDist = d;
      best = static_cast<int>(c - sorted.begin());
    }
  };
  if (it != sorted.end()) consider(it);
  if (it != sorted.begin()) consider(std::prev(it));
  return best;
}

}  // namespace headroom::calibration
