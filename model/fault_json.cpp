#include "model/fault_json.h"

#include <algorithm>
#include <cmath>

#include "model/scenario.h"
#include "model/scenario_codec.h"
#include "model/validation.h"

namespace headroom::json_detail {

using K = FaultSpec::Kind;

FaultSpec readFault(const nlohmann::json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  FaultSpec f;
  f.kind = r.enumeration<K>("kind", {{"kill_replicas", K::KillReplicas},
                                     {"component_outage", K::ComponentOutage},
                                     {"slowdown", K::Slowdown},
                                     {"added_latency", K::AddedLatency},
                                     {"cache_flush", K::CacheFlush},
                                     {"region_outage", K::RegionOutage},
                                     {"database_failover", K::DatabaseFailover},
                                     {"resize", K::Resize}});
  if (f.kind == K::RegionOutage) {
    if (r.has("component")) r.fail("component", "a region outage takes down a whole region: give 'region', not 'component'");
    f.region = r.string("region");
    r.setContext("fault on region '" + f.region + "'");
  } else {
    f.component = r.string("component");
    r.setContext("fault on '" + f.component + "'");
  }
  f.at_s = r.durationS("at");
  switch (f.kind) {
    case K::KillReplicas:
      f.count = r.integerOr("count", f.count);
      f.restart_s = r.optionalDurationS("restart").value_or(f.restart_s);
      break;
    case K::Resize:
      f.workers = readInt(r.required("workers_per_replica"), r.pathOf("workers_per_replica"), {});
      f.restart_s = r.optionalDurationS("restart").value_or(f.restart_s);
      break;
    case K::CacheFlush: break;  // instantaneous
    default: f.duration_s = r.durationS("duration"); break;
  }
  if (f.kind == K::Slowdown) f.factor = r.number("factor");
  if (f.kind == K::AddedLatency) f.latency_s = r.durationS("latency");
  if (f.kind == K::DatabaseFailover) f.shard = r.integerOr("shard", f.shard);
  r.finish();
  return f;
}

nlohmann::ordered_json writeFault(const FaultSpec& f) {
  nlohmann::ordered_json o;
  o["kind"] = faultKindName(f.kind);
  if (f.kind == K::RegionOutage) o["region"] = f.region;
  else o["component"] = f.component;
  o["at_s"] = f.at_s;
  if (f.kind == K::KillReplicas) {
    o["count"] = f.count;
    o["restart_s"] = f.restart_s;
  } else if (f.kind == K::Resize) {
    o["workers_per_replica"] = f.workers;
    o["restart_s"] = f.restart_s;
  } else if (f.kind != K::CacheFlush) {
    o["duration_s"] = f.duration_s;
  }
  if (f.kind == K::Slowdown) o["factor"] = f.factor;
  if (f.kind == K::AddedLatency) putDuration(o, "latency", f.latency_s);
  if (f.kind == K::DatabaseFailover) o["shard"] = f.shard;
  return o;
}

void checkFaults(const Scenario& s, std::vector<ValidationIssue>& issues) {
  using T = Component::Type;
  for (std::size_t i = 0; i < s.faults.size(); ++i) {
    const FaultSpec& f = s.faults[i];
    const std::string where = "fault #" + std::to_string(i + 1) + " (" + faultKindName(f.kind) + ")";
    auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, field, rule}); };
    if (f.kind == K::RegionOutage) {
      if (!f.component.empty()) add("component", "a region outage names a region, not a component");
      if (f.region.empty()) add("region", "names no region");
      else if (std::none_of(s.regions.begin(), s.regions.end(), [&](const RegionSpec& r) { return r.name == f.region; }))
        add("region", "references unknown region '" + f.region + "'" +
                          (s.regions.empty() ? std::string(" (the scenario declares no regions)") : std::string()));
    } else {
      if (!f.region.empty()) add("region", "only a region_outage names a region");
      const Component* c = s.findComponent(f.component);
      if (!c) {
        add("component", "references unknown component '" + f.component + "'");
      } else {
        switch (f.kind) {
          case K::Resize:
            if (c->type != T::Service && c->type != T::Topic)
              add("component", "'" + f.component + "' has no replicas to resize (only services and topics do)");
            break;
          case K::KillReplicas:
          case K::ComponentOutage:
            if (c->type == T::Delay)
              add("component", "'" + f.component + "' is a delay component: it has no replicas to kill or take down");
            else if (c->type == T::Serverless && f.kind == K::KillReplicas)
              add("component", "'" + f.component +
                                    "' is a serverless function: it has no replicas to kill (use component_outage)");
            break;
          case K::CacheFlush:
            if (!c->cache) add("component", "'" + f.component + "' has no cache to flush");
            break;
          case K::DatabaseFailover:
            if (!c->database) {
              add("component", "'" + f.component + "' has no database block: there is no primary to fail over");
            } else if (f.shard < 0 || f.shard >= c->database->shards) {
              add("shard", "must be in [0, " + std::to_string(c->database->shards) + ") ('" + f.component + "' has " +
                               std::to_string(c->database->shards) + " shard(s)), got " + std::to_string(f.shard));
            }
            break;
          default: break;  // slowdown and added latency apply to every kind of component
        }
      }
    }
    if (!(f.at_s >= 0)) add("at", "must be >= 0 s");
    if (f.at_s >= s.simulation.horizon_s) add("at", "is at or after the horizon: the fault would never happen");
    if (f.kind != K::KillReplicas && f.kind != K::CacheFlush && f.kind != K::Resize && !(f.duration_s > 0)) add("duration", "must be > 0 s");
    if (f.kind == K::Resize && (f.workers < 1 || f.workers > 100000)) add("workers_per_replica", "must be in [1, 100000], got " + std::to_string(f.workers));
    if (f.kind == K::Resize && !(f.restart_s >= 0)) add("restart", "must be >= 0 s");
    if (f.kind == K::KillReplicas && f.count < 1) add("count", "must be >= 1");
    if (f.kind == K::KillReplicas && !(f.restart_s >= 0)) add("restart", "must be >= 0 s");
    if (f.kind == K::Slowdown && !(f.factor > 0 && std::isfinite(f.factor))) add("factor", "must be > 0");
    if (f.kind == K::AddedLatency && !(f.latency_s > 0 && std::isfinite(f.latency_s))) add("latency", "must be > 0 s");
  }
}

}  // namespace headroom::json_detail
