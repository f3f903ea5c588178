#pragma once
// What the optimizer (docs/optimizer.md) takes and returns: decision variables, stress cases, the SLO, every
// candidate it evaluated, the cost-vs-p99 Pareto front, the chosen configuration and the constraint that binds
// it. Plain data for the CLI, the GUI optimizer view and JSON; nothing here runs anything.
//
// Units: p99 in milliseconds (_ms), error ratios as fractions, cost in US dollars per 730 h month.
// Fields may be added; existing ones keep their meaning.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace headroom::optimize {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The objectives every stress case must meet. Under DES the upper end of the 95% CI is compared, not the mean.
struct SloTarget {
  double p99_ms = 0.0;                  // end-to-end p99 of successful requests
  std::optional<double> error_ratio;    // failed / finished; none = not constrained
};

// A condition the configuration must survive: traffic at `traffic_factor` x the scenario's peak rate (held
// constant), and optionally every component of `failed_region` down for the whole run.
struct StressCase {
  std::string name;             // "peak*2", "failover eu-west-1", "as is"
  double traffic_factor = 1.0;  // x the peak of each open source (closed populations x factor)
  std::string failed_region;    // empty = no failover
};

// One decision variable: an ordered list of levels, each a JSON value written at every pointer (the sweep
// library's pointer syntax, simulator/sweep/json_pointer_edit.h). Levels are in increasing cost order.
struct DecisionVariable {
  std::string name;                    // "api.replicas", or the pointer when given on the command line
  std::vector<std::string> pointers;
  std::vector<nlohmann::json> levels;
  // An instance-type variable (pointer ends in /pricing/instance_type): its component's workers_per_replica
  // follows the type's vCPU count (workers per vCPU kept from the base scenario).
  std::string instance_type_of;        // component name, empty for other variables
};

enum class Fidelity { Analytic, Des };
const char* fidelityName(Fidelity f);  // "analytic", "des"

// One stress case's outcome for one candidate at one fidelity. Analytic figures have no CI (upper = value).
struct CaseOutcome {
  std::string stress_case;
  Fidelity fidelity = Fidelity::Analytic;
  double p99_ms = kNaN;
  double p99_upper_ms = kNaN;       // upper end of the 95% CI across replications (DES)
  double error_ratio = kNaN;
  double error_ratio_upper = kNaN;
  int replications = 0;             // DES
  bool meets_slo = false;           // judged on the upper ends
  std::string why;                  // when it fails or was not evaluable: "p99 312 ms > 300 ms", "overloaded: api"
};

struct Candidate {
  std::vector<int> levels;          // index into each variable's levels, in variable order
  nlohmann::json values;            // {"variable name": value, ...}
  double usd_per_month = kNaN;      // steady-state cost of the configuration (simulator/cost priceUsage)
  std::vector<CaseOutcome> screening;     // analytic (or short DES where no analytic model applies), per case
  std::vector<CaseOutcome> confirmation;  // DES with replications, per case; empty when not confirmed
  bool screened_feasible = false;
  bool confirmed_feasible = false;

  double worstP99Ms() const;        // over the screening cases (NaN when any is not evaluable)
};

// A point of the cost-vs-p99 front (screening figures; DES figures when it was confirmed).
struct FrontPoint {
  Candidate candidate;
  double p99_ms = kNaN;                           // worst stress case
  // (cost of this point - cost of the previous, cheaper point) / (previous p99 - this p99): what one
  // millisecond of p99 costs along the front. NaN for the cheapest point.
  double marginal_usd_per_month_per_ms = kNaN;
};

// What stops a cheaper configuration: the cheapest one-step-cheaper neighbour of the chosen configuration and
// the stress case / SLO it breaks.
struct BindingConstraint {
  std::string slo;            // "p99" or "errors"
  std::string stress_case;
  std::string variable;       // the variable whose next cheaper level breaks it
  std::string component;      // the component that variable belongs to ("" when not known)
  nlohmann::json cheaper_value;
  double saving_usd_per_month = kNaN;
  double chosen_value = kNaN;     // the chosen configuration's worst p99_ms or error ratio in that case
  double limit = kNaN;            // the SLO it is compared with
  double neighbour_value = kNaN;  // the cheaper neighbour's value
  std::string explanation;
};

struct EvaluationCounts {
  std::int64_t space_size = 0;        // product of the level counts
  std::int64_t screened = 0;          // distinct candidates screened
  std::int64_t analytic_calls = 0;    // analytic model solutions (candidates x stress cases)
  std::int64_t des_screening_runs = 0;  // short DES screenings where no analytic model applied
  std::int64_t des_confirmations = 0; // candidates confirmed by DES
  std::int64_t des_replications = 0;  // replications run in confirmations
  double fraction_screened() const { return space_size > 0 ? double(screened) / double(space_size) : kNaN; }
};

struct OptimizeResult {
  std::string scenario;
  SloTarget slo;
  std::vector<StressCase> cases;
  std::vector<DecisionVariable> variables;
  std::vector<FrontPoint> front;           // cheapest first
  std::optional<Candidate> chosen;         // cheapest configuration confirmed by DES; none = none found
  std::optional<BindingConstraint> binding;
  EvaluationCounts evaluations;
  std::uint64_t seed = 1;
  bool cancelled = false;
  std::vector<std::string> notes;          // approximations used, budget exhausted, rejected by DES, ...
};

}  // namespace headroom::optimize
