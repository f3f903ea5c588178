#include "simulator/calibration/concurrency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simulator/calibration/series_points.h"

namespace headroom {

namespace {

struct Plateau {
  bool found = false;
  int value = 0;
  double max = 0.0;
  int samples = 0;   // finite samples
  int at_max = 0;    // samples on the plateau
};

// A plateau: the maximum is (nearly) an integer and at least `plateau_samples` samples sit there.
Plateau findPlateau(const TimeSeries& s, const ConcurrencyOptions& o) {
  Plateau p;
  const auto pts = calibration::finitePoints(s);
  p.samples = static_cast<int>(pts.size());
  if (pts.empty()) return p;
  for (const auto& q : pts) p.max = std::max(p.max, q.v);
  const double tol = std::max(o.plateau_tolerance * p.max, 1e-9);
  for (const auto& q : pts)
    if (q.v >= p.max - tol) ++p.at_max;
  const double nearest = std::round(p.max);
  p.value = static_cast<int>(nearest);
  p.found = nearest >= 1 && std::abs(p.max - nearest) <= tol && p.at_max >= o.plateau_samples;
  return p;
}

std::string text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

}  // namespace

ConcurrencyEstimate inferConcurrency(const ConcurrencyInputs& in, const ConcurrencyOptions& o) {
  ConcurrencyEstimate e;
  struct Candidate {
    const TimeSeries* s;
    const char* method;
  };
  const Candidate candidates[] = {{&in.busy_workers, "busy-workers plateau (all workers busy)"},
                                  {&in.in_flight, "in-flight plateau (requests in flight = busy workers)"},
                                  {&in.busy_from_demand, "throughput plateau (sum of X_k S_k at saturation)"}};
  for (const auto& c : candidates) {
    if (c.s->size() == 0) continue;
    const Plateau p = findPlateau(*c.s, o);
    e.lower_bound = std::max(e.lower_bound, p.max);
    if (!e.ok && p.found) {
      e.ok = true;
      e.servers = p.value;
      e.method = c.method;
      e.series = calibration::describe(*c.s);
      e.samples_used = p.samples;
      e.notes.push_back(std::to_string(p.at_max) + " of " + std::to_string(p.samples) + " samples of " + e.series +
                        " at the maximum " + text(p.max));
    } else if (!p.found && p.samples > 0) {
      e.notes.push_back(calibration::describe(*c.s) + ": maximum " + text(p.max) + " with " + std::to_string(p.at_max) +
                        " sample(s) there: no plateau (the workers were never all busy), so only a lower bound");
    }
  }
  // Little's law check of the in-flight gauge: mean N = X * R.
  if (in.in_flight.size() && in.throughput.size() && in.latency_mean.size()) {
    auto mean = [](const TimeSeries& s) {
      const auto pts = calibration::finitePoints(s);
      double sum = 0;
      for (const auto& p : pts) sum += p.v;
      return pts.empty() ? NAN : sum / static_cast<double>(pts.size());
    };
    const double n = mean(in.in_flight), little = mean(calibration::toRatePerSecond(in.throughput)) *
                                                  mean(calibration::toSeconds(in.latency_mean));
    if (std::isfinite(n) && std::isfinite(little) && little > 0 && std::abs(n - little) > 0.2 * little)
      e.notes.push_back("Little's law check failed: mean in-flight " + text(n) + " vs throughput x latency " +
                        text(little) + ": the in-flight gauge does not count the same requests as the latency");
    else if (std::isfinite(n) && std::isfinite(little))
      e.notes.push_back("Little's law check: mean in-flight " + text(n) + " ~ throughput x latency " + text(little));
  }
  if (in.given_servers) {
    const int given = *in.given_servers;
    if (e.ok && e.servers != given)
      e.notes.push_back("the data say " + std::to_string(e.servers) + " servers (" + e.method + "), --servers says " +
                        std::to_string(given) + ": using --servers");
    if (e.lower_bound > given + 0.5)
      e.notes.push_back("warning: the data show " + text(e.lower_bound) + " busy at once, more than --servers " +
                        std::to_string(given));
    e.ok = true;
    e.servers = given;
    e.method = "given (--servers)";
    e.series.clear();
    return e;
  }
  if (!e.ok) {
    e.message = "the number of servers cannot be inferred: ";
    e.message += e.lower_bound > 0 ? "the data show at most " + text(e.lower_bound) +
                                         " busy at once but no plateau (workers never all busy), so it is at least " +
                                         std::to_string(static_cast<int>(std::ceil(e.lower_bound - 1e-9)))
                                   : "no busy-workers or in-flight gauge was given";
    e.message += "; give it with --servers N (replicas x workers per replica)";
  }
  return e;
}

}  // namespace headroom
