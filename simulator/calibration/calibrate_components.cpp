#include "simulator/calibration/calibrate_components.h"

#include <algorithm>
#include <set>

namespace headroom {

MultiComponentOutcome calibrateComponents(const MultiComponentRequest& r) {
  MultiComponentOutcome out;
  if (r.components.empty()) {
    out.error = "no component given";
    return out;
  }
  std::set<std::string> names;
  for (const auto& c : r.components)
    if (!names.insert(c.component).second) {
      out.error = "component '" + c.component + "' is given twice";
      return out;
    }
  for (const auto& [from, to] : r.calls) {
    for (const std::string* n : {&from, &to})
      if (!names.count(*n)) {
        out.error = "call " + from + ">" + to + ": '" + *n + "' is not one of the calibrated components";
        return out;
      }
    if (from == to) {
      out.error = "call " + from + ">" + to + ": a component cannot call itself";
      return out;
    }
  }
  for (const auto& c : r.components) {
    CalibrationRequest cr = r.base;
    cr.component = c.component;
    cr.utilization = c.utilization;
    cr.busy_workers = c.busy_workers;
    cr.in_flight = c.in_flight;
    cr.servers = c.servers;
    CalibrationOutcome o = calibrateScenario(cr);
    if (!o.ok) {
      out.error = o.error;
      out.components.push_back(std::move(o));
      return out;
    }
    out.components.push_back(std::move(o));
  }

  // One scenario: the first outcome's sources (entering the first component) and every component.
  Scenario& s = out.scenario;
  s = out.components.front().scenario;
  for (std::size_t i = 1; i < out.components.size(); ++i) {
    const Scenario& other = out.components[i].scenario;
    s.components.push_back(other.components.front());
    for (const auto& p : other.provenance)
      if (p.parameter.rfind("components[", 0) == 0) s.provenance.push_back(p);
  }
  s.description = "Calibrated by headroom-cli calibrate (" + std::to_string(s.components.size()) +
                  " components) from monitoring series " + calibration::isoTimeText(r.base.window.from_s) + " .. " +
                  calibration::isoTimeText(r.base.window.to_s) + "; see the provenance block.";
  auto comp = [&](const std::string& name) -> Component& {
    return *std::find_if(s.components.begin(), s.components.end(), [&](const Component& c) { return c.name == name; });
  };
  auto record = [&](const std::string& from, const std::string& what, const std::string& estimator) {
    ParameterProvenance p;
    p.parameter = "components[" + from + "].behaviour[*]";
    p.value = 1.0;
    p.unit = what;
    p.estimator = estimator;
    p.window_from_s = r.base.window.from_s;
    p.window_to_s = r.base.window.to_s;
    s.provenance.push_back(std::move(p));
  };
  if (r.calls.empty()) {
    for (std::size_t i = 0; i + 1 < r.components.size(); ++i) {
      const std::string& from = r.components[i].component;
      const std::string& to = r.components[i + 1].component;
      comp(from).behaviour[kAnyClass].next.push_back({to, 1.0});
      record(from, "next: " + to, "chain in the order of --component (assumed: no call graph given)");
    }
    if (r.components.size() > 1)
      out.notes.push_back("no call graph given: the components form a chain in the given order (" +
                          r.components.front().component + " first), each handing the request on when done");
  } else {
    for (const auto& [from, to] : r.calls) {
      Step st;
      st.kind = Step::Kind::Call;
      st.calls.push_back(CallTarget(to));
      comp(from).behaviour[kAnyClass].steps.push_back(std::move(st));
      record(from, "call: " + to, "call graph given by the user (--call " + from + ">" + to + ")");
    }
    out.notes.push_back("with synchronous calls a caller's worker waits for its callee: a caller's busy-workers gauge "
                        "then includes the callee's time, and the model adds that time again; calibrate a caller from "
                        "a utilization of its own work (CPU) instead");
    // Components that nothing reaches would sit idle in the model: say so.
    std::set<std::string> reached{r.components.front().component};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [from, to] : r.calls)
        if (reached.count(from) && reached.insert(to).second) grew = true;
    }
    for (const auto& c : r.components)
      if (!reached.count(c.component))
        out.notes.push_back("component '" + c.component + "' is not reached from '" + r.components.front().component +
                            "' through the calls given: it receives no traffic in the model");
  }
  out.ok = true;
  return out;
}

}  // namespace headroom
