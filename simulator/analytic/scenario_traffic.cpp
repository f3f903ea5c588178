#include "simulator/analytic/scenario_traffic.h"

#include <algorithm>
#include <cstdio>

#include "simulator/analytic/jackson_network.h"

namespace headroom::analytic {
namespace {

void addProblem(std::vector<std::string>& problems, const std::string& p) {
  if (std::find(problems.begin(), problems.end(), p) == problems.end()) problems.push_back(p);
}

}  // namespace

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

int ScenarioTraffic::visitedCount() const {
  int n = 0;
  for (Eigen::Index i = 0; i < visits.rows(); ++i) n += visited(static_cast<std::size_t>(i)) ? 1 : 0;
  return n;
}

ScenarioTraffic buildTraffic(const Scenario& scenario, const std::vector<const Source*>& sources, bool closed) {
  ScenarioTraffic t;
  const auto m = static_cast<Eigen::Index>(scenario.components.size());
  // Per class, the external input vector over components (the simulator's class naming: a source without a
  // mix sends one class named after itself).
  std::vector<Eigen::VectorXd> gamma;
  auto classIndex = [&](const std::string& cls) {
    auto it = std::find(t.classes.begin(), t.classes.end(), cls);
    if (it != t.classes.end()) return static_cast<std::size_t>(it - t.classes.begin());
    t.classes.push_back(cls);
    t.class_input.push_back(0.0);
    gamma.push_back(Eigen::VectorXd::Zero(m));
    return t.classes.size() - 1;
  };
  for (const Source* s : sources) {
    const int entry = scenario.componentIndex(s->entry);
    if (entry < 0) {
      addProblem(t.problems, "source '" + s->name + "': entry '" + s->entry + "' is not a component");
      continue;
    }
    const double weight = closed ? 1.0 : s->rate.rateAt(0.0);
    std::vector<std::pair<std::string, double>> mix;
    double total = 0.0;
    for (const ClassShare& c : s->mix) total += c.weight;
    if (s->mix.empty() || !(total > 0.0))
      mix.emplace_back(s->name, 1.0);
    else
      for (const ClassShare& c : s->mix) mix.emplace_back(c.request_class, c.weight / total);
    for (const auto& [cls, share] : mix) {
      if (!(share > 0.0)) continue;
      const std::size_t r = classIndex(cls);
      gamma[r](entry) += weight * share;
      t.class_input[r] += weight * share;
    }
  }
  const auto k = static_cast<Eigen::Index>(t.classes.size());
  t.visits = Eigen::MatrixXd::Zero(m, k);
  t.routes_onward.assign(static_cast<std::size_t>(m), false);
  t.profiles.assign(static_cast<std::size_t>(m), std::vector<ServiceProfile>(static_cast<std::size_t>(k)));
  for (Eigen::Index r = 0; r < k; ++r) {
    const std::string& cls = t.classes[static_cast<std::size_t>(r)];
    Eigen::MatrixXd routing = Eigen::MatrixXd::Zero(m, m);
    for (Eigen::Index i = 0; i < m; ++i) {
      const Component& c = scenario.components[static_cast<std::size_t>(i)];
      const Behaviour* b = c.behaviourFor(cls);
      if (!b) continue;
      for (const RouteChoice& route : b->next) {
        const int j = scenario.componentIndex(route.to);
        if (j < 0) {
          addProblem(t.problems, "component '" + c.name + "': next '" + route.to + "' is not a component");
          continue;
        }
        routing(i, j) += route.probability;
      }
    }
    auto lambda = solveTrafficEquations(gamma[static_cast<std::size_t>(r)], routing);
    if (!lambda) {
      addProblem(t.problems, "class '" + cls + "': the next routing has a loop that requests never leave");
      continue;
    }
    t.visits.col(r) = *lambda;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (!((*lambda)(i) > 0.0)) continue;
      const Component& c = scenario.components[static_cast<std::size_t>(i)];
      ServiceProfile p = serviceProfile(c, cls);
      if (!p.unsupported.empty()) addProblem(t.problems, p.unsupported);
      t.profiles[static_cast<std::size_t>(i)][static_cast<std::size_t>(r)] = p;
      if (routing.row(i).sum() > 0.0) t.routes_onward[static_cast<std::size_t>(i)] = true;
    }
  }
  return t;
}

}  // namespace headroom::analytic
