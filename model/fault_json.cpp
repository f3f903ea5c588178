#include "model/fault_json.h"

#include <cmath>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom::json_detail {

using K = FaultSpec::Kind;

FaultSpec readFault(const nlohmann::json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  FaultSpec f;
  f.kind = r.enumeration<K>("kind", {{"kill_replicas", K::KillReplicas}, {"component_outage", K::ComponentOutage}, {"slowdown", K::Slowdown}});
  f.component = r.string("component");
  r.setContext("fault on '" + f.component + "'");
  f.at_s = r.durationS("at");
  if (f.kind == K::KillReplicas) {
    f.count = r.integerOr("count", f.count);
    f.restart_s = r.optionalDurationS("restart").value_or(f.restart_s);
  } else {
    f.duration_s = r.durationS("duration");
  }
  if (f.kind == K::Slowdown) f.factor = r.number("factor");
  r.finish();
  return f;
}

nlohmann::ordered_json writeFault(const FaultSpec& f) {
  nlohmann::ordered_json o;
  o["kind"] = faultKindName(f.kind);
  o["component"] = f.component;
  o["at_s"] = f.at_s;
  if (f.kind == K::KillReplicas) {
    o["count"] = f.count;
    o["restart_s"] = f.restart_s;
  } else {
    o["duration_s"] = f.duration_s;
  }
  if (f.kind == K::Slowdown) o["factor"] = f.factor;
  return o;
}

void checkFaults(const Scenario& s, std::vector<ValidationIssue>& issues) {
  for (std::size_t i = 0; i < s.faults.size(); ++i) {
    const FaultSpec& f = s.faults[i];
    const std::string where = "fault #" + std::to_string(i + 1) + " (" + faultKindName(f.kind) + ")";
    auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, field, rule}); };
    const Component* c = s.findComponent(f.component);
    if (!c) add("component", "references unknown component '" + f.component + "'");
    else if (c->type != Component::Type::Service && f.kind != K::Slowdown)
      add("component", "'" + f.component + "' is a delay component: it has no replicas to kill or take down");
    if (!(f.at_s >= 0)) add("at", "must be >= 0 s");
    if (f.at_s >= s.simulation.horizon_s) add("at", "is at or after the horizon: the fault would never happen");
    if (f.kind != K::KillReplicas && !(f.duration_s > 0)) add("duration", "must be > 0 s");
    if (f.kind == K::KillReplicas && f.count < 1) add("count", "must be >= 1");
    if (f.kind == K::KillReplicas && !(f.restart_s >= 0)) add("restart", "must be >= 0 s");
    if (f.kind == K::Slowdown && !(f.factor > 0 && std::isfinite(f.factor))) add("factor", "must be > 0");
  }
}

}  // namespace headroom::json_detail
