#pragma once
// Semantic checks of a scenario. Every issue names the component (or source) and the field, and states
// the rule that was broken, so a user can fix the file without guessing.
#include <stdexcept>
#include <string>
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"

namespace headroom {

struct ValidationIssue {
  std::string where;  // "component 'db'", "source 'web'", "simulation"
  std::string field;  // "behaviour.checkout.steps[1].call", "replicas", ...
  std::string rule;   // human sentence: "must be > 0", "references unknown component 'dbx'"
  std::string message() const;  // "component 'db': replicas: must be > 0"
};

// Thrown by validateScenario when its Feedback was cancelled: nothing is known to be wrong with the scenario.
class ValidationCancelled : public std::runtime_error {
 public:
  ValidationCancelled() : std::runtime_error("validation cancelled") {}
};

// Time grows with components x (request classes that have a behaviour of their own somewhere + 1), and
// linearly with everything else (docs/benchmarks.md). `feedback` (optional) is polled throughout; progress is
// reported only when the validation is large enough to take noticeable time.
std::vector<ValidationIssue> validateScenario(const Scenario& scenario, Feedback* feedback = nullptr);

// A link (call, parallel call, send or `next` route) that no request can ever take: it sits in a behaviour
// that never runs at that component, e.g. a call added to the "*" behaviour where every class that reaches
// the component has a behaviour of its own. The scenario still runs; the link just does nothing.
struct DeadLink {
  std::string component;      // the caller
  std::string behaviour_key;  // the class of the behaviour holding the link, or kAnyClass
  std::string target;         // the component the link points at
};
std::vector<DeadLink> findDeadLinks(const Scenario& scenario);

// What is legal but almost certainly not meant (today: the dead links above), in the same shape as the
// validation issues so the CLI, the GUI and reports print them alike. Never blocks a run.
std::vector<ValidationIssue> scenarioWarnings(const Scenario& scenario);

}  // namespace headroom
