#pragma once
// A small sweep over the two-station scenario used by every sweep test: fast (a few ms per task) but with
// enough randomness that a wrong seed shows.
#include <nlohmann/json.hpp>

namespace headroom::test {

inline nlohmann::json twoStationScenario() {
  return nlohmann::json::parse(R"({
    "format": "headroom-scenario", "version": 1, "name": "two-stations",
    "simulation": {"horizon_s": 40, "warmup_s": 4, "replications": 2, "seed": 1},
    "sources": [{"name": "web", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 60}}],
    "components": [
      {"name": "api", "type": "service", "replicas": 1, "workers_per_replica": 2,
       "service_time": {"dist": "exponential", "mean_ms": 20}, "behaviour": {"*": {"steps": [{"call": "db"}]}}},
      {"name": "db", "type": "service", "replicas": 1, "workers_per_replica": 1,
       "service_time": {"dist": "exponential", "mean_ms": 10}}
    ]})");
}

inline nlohmann::json smallSweep() {
  nlohmann::json s = {{"format", "headroom-sweep"}, {"version", 1}, {"name", "api-workers"}, {"replications", 3}};
  s["base"] = twoStationScenario();
  s["variables"] = nlohmann::json::parse(R"([
    {"name": "api_workers", "pointer": "/components/api/workers_per_replica", "values": [2, 3]},
    {"name": "rate", "pointer": "/sources/web/rate/rate_per_s", "range": {"from": 40, "to": 60, "step": 10}}])");
  s["kpis"] = {"end_to_end.response_p99_s", "api.utilization", "db.response_mean_s"};
  return s;
}

}  // namespace headroom::test
