#pragma once
// Shared pieces of validateScenario(): the issue collector, the look-ups, the cancellation poll and the
// whole-network checks (call cycles, routing traps) that need every component at once. Internal to model/.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/feedback.h"
#include "model/validation.h"

namespace headroom::validation_detail {

class IssueList {
 public:
  explicit IssueList(std::vector<ValidationIssue>& out) : out_(out) {}
  void add(const std::string& where, const std::string& field, const std::string& rule) {
    out_.push_back(ValidationIssue{where, field, rule});
  }

 private:
  std::vector<ValidationIssue>& out_;
};

// Look-ups every check needs, built once per validation so that a check costs the same for the 2,000th
// component as for the first (a linear search by name made validation cubic in the component count).
class ScenarioIndex {
 public:
  explicit ScenarioIndex(const Scenario& scenario);
  // The first component of that name, or -1 (as Scenario::componentIndex).
  int component(const std::string& name) const;
  bool hasComponent(const std::string& name) const { return component(name) >= 0; }
  // Scenario::allRequestClasses(), and membership in it.
  const std::vector<std::string>& classes() const { return classes_; }
  bool isClass(const std::string& cls) const { return classSet_.count(cls) > 0; }
  bool isDeclaredClass(const std::string& cls) const { return declared_.count(cls) > 0; }
  // True when some component has a behaviour of its own for `cls`; every other class runs the "*" behaviours
  // everywhere, so they all follow one call and routing graph.
  bool hasOwnBehaviour(const std::string& cls) const { return ownBehaviour_.count(cls) > 0; }
  // Entries of the sources that emit `cls` (every source's for "*"), in source order.
  const std::vector<int>& entriesOf(const std::string& cls) const;

 private:
  std::unordered_map<std::string, int> components_;
  std::vector<std::string> classes_;
  std::unordered_set<std::string> classSet_, declared_, ownBehaviour_;
  std::unordered_map<std::string, std::vector<int>> entries_;
  std::vector<int> allEntries_, none_;
};

// Cancellation for the checks whose cost grows with components x classes: advance() counts work done (in
// component visits) and polls the Feedback, throwing ValidationCancelled. Progress is reported only for a
// validation large enough to be noticed, so the progress of the job that validates (a run, say) is not
// disturbed by the usual few-millisecond validation.
class ValidationPoll {
 public:
  ValidationPoll(Feedback* feedback, double work);
  void advance(double visits);

 private:
  Feedback* feedback_;
  double work_, done_ = 0;
  bool report_;
};

// A number as a person would write it (shortest form), and names as 'a', 'b' ("(none)" when empty).
std::string fmt(double x);
std::string joinQuoted(const std::vector<std::string>& items);

std::string componentWhere(const Component& c, std::size_t index);
std::string sourceWhere(const Source& s, std::size_t index);
// The classes a source emits: its mix, or one class named after the source when the mix is empty.
std::vector<std::string> classesOf(const Source& s);

// The whole-network rules (validation_graph.cpp), per request class: synchronous call cycles (a request would
// wait for itself), then routing traps (components a class reaches and from which 'next' routing can never
// leave the system).
void checkNetwork(const Scenario& scenario, const ScenarioIndex& index, ValidationPoll& poll, IssueList& issues);

}  // namespace headroom::validation_detail
