#pragma once
// Shared pieces of validateScenario(): the issue collector and the whole-network checks (call cycles,
// routing traps) that need every component at once. Internal to model/.
#include <string>
#include <vector>

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

// A number as a person would write it (shortest form), and names as 'a', 'b' ("(none)" when empty).
std::string fmt(double x);
std::string joinQuoted(const std::vector<std::string>& items);

std::string componentWhere(const Component& c, std::size_t index);
std::string sourceWhere(const Source& s, std::size_t index);
// The classes a source emits: its mix, or one class named after the source when the mix is empty.
std::vector<std::string> classesOf(const Source& s);

// A component that can reach itself through synchronous calls (call, parallel, including inside branch arms)
// for some request class: the request would wait for itself.
void checkCallCycles(const Scenario& scenario, IssueList& issues);
// Components that receive a class (from a source, a call, a send or a routing step) and from which 'next'
// routing can never leave the system with positive probability.
void checkRoutingTraps(const Scenario& scenario, IssueList& issues);

}  // namespace headroom::validation_detail
