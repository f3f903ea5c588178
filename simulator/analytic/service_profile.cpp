#include "simulator/analytic/service_profile.h"

#include <cmath>

namespace headroom::analytic {
namespace {

struct Moments {
  double m1 = 0.0, m2 = 0.0;
  int stages = 0;  // non-zero work stages, to tell "one exponential" from a sum
  bool all_exponential = true;
};

// Independent sum: E[(X+Y)^2] = E[X^2] + 2 E[X] E[Y] + E[Y^2].
void addIndependent(Moments& acc, const Moments& x) {
  acc.m2 += x.m2 + 2.0 * acc.m1 * x.m1;
  acc.m1 += x.m1;
  acc.stages += x.stages;
  acc.all_exponential = acc.all_exponential && x.all_exponential;
}

Moments ofDistribution(const Distribution& d) {
  Moments m;
  m.m1 = d.mean();
  m.m2 = d.secondMoment();
  m.stages = m.m1 > 0.0 ? 1 : 0;
  m.all_exponential = d.isExponential() || m.m1 == 0.0;
  return m;
}

bool walk(const std::vector<Step>& steps, const std::string& where, Moments& acc, std::string& why) {
  for (const Step& step : steps) {
    switch (step.kind) {
      case Step::Kind::Work:
        addIndependent(acc, ofDistribution(step.work));
        break;
      case Step::Kind::Call:
      case Step::Kind::Parallel:
        why = where + ": synchronous calls hold the caller's worker (not product form)";
        return false;
      case Step::Kind::Send:
        why = where + ": an asynchronous send forks an extra request (not product form)";
        return false;
      case Step::Kind::Branch: {
        // Mixture over arms; the remaining probability adds nothing.
        Moments mix;
        for (const BranchArm& arm : step.arms) {
          Moments a;
          if (!walk(arm.steps, where, a, why)) return false;
          mix.m1 += arm.probability * a.m1;
          mix.m2 += arm.probability * a.m2;
          if (a.stages > 0) mix.stages = 2;  // a mixture is never a single exponential stage
        }
        addIndependent(acc, mix);
        break;
      }
    }
  }
  return true;
}

}  // namespace

ServiceProfile serviceProfile(const Component& component, const std::string& request_class) {
  ServiceProfile p;
  Moments acc = ofDistribution(component.serviceTimeFor(request_class));
  const std::string where = "component '" + component.name + "' (class '" + request_class + "')";
  if (const Behaviour* b = component.behaviourFor(request_class)) {
    if (!walk(b->steps, where, acc, p.unsupported)) return p;
  }
  p.mean_s = acc.m1;
  p.second_moment_s2 = acc.m2;
  p.exponential = acc.stages == 1 && acc.all_exponential;
  return p;
}

bool sameProfile(const ServiceProfile& a, const ServiceProfile& b) {
  auto close = [](double x, double y) { return std::abs(x - y) <= 1e-12 * std::max(std::abs(x), std::abs(y)); };
  return a.exponential == b.exponential && close(a.mean_s, b.mean_s) && close(a.second_moment_s2, b.second_moment_s2);
}

}  // namespace headroom::analytic
