#pragma once
// Internal to the scenario analysis: the request flow of a scenario as per-class visit rates. Each class
// follows its own `next` routing from the components its sources enter, so every class gets its own
// traffic equations lambda_r = gamma_r + P_r^T lambda_r (solved in jackson_network.h).
// Units: open sources give visit rates in REQUESTS PER SECOND; a closed source gives visits PER USER CYCLE
// (gamma_r = class probability at the entry). Pure, any thread.
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/scenario.h"
#include "simulator/analytic/service_profile.h"

namespace headroom::analytic {

struct ScenarioTraffic {
  std::vector<std::string> classes;
  std::vector<double> class_input;                    // gamma_r summed over entries
  Eigen::MatrixXd visits;                             // [component, class]
  std::vector<std::vector<ServiceProfile>> profiles;  // [component][class], meaningful where visits > 0
  std::vector<bool> routes_onward;                    // a visiting class has a positive `next` probability
  std::vector<std::string> problems;                  // assumptions that fail; empty = usable

  double componentVisits(std::size_t component) const { return visits.row(static_cast<Eigen::Index>(component)).sum(); }
  bool visited(std::size_t component) const { return componentVisits(component) > 0.0; }
  int visitedCount() const;
};

// `sources` all open (weights = their stationary rates) or a single closed one (weight 1).
ScenarioTraffic buildTraffic(const Scenario& scenario, const std::vector<const Source*>& sources, bool closed);

// "%.4g" of a value, for messages.
std::string formatNumber(double v);

}  // namespace headroom::analytic
