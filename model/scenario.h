#pragma once
// The in-memory scenario: what the user models. Plain data, no behaviour beyond look-ups; loading and
// saving is scenario_json.h, checking is validation.h, running is simulator/.
//
// Units: every duration is in SECONDS (double), every rate in REQUESTS PER SECOND.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/provenance.h"
#include "model/autoscaling_spec.h"
#include "model/cluster_spec.h"
#include "model/component_features.h"
#include "model/distribution.h"
#include "model/fault_spec.h"
#include "model/pricing_spec.h"
#include "model/rate_curve.h"
#include "model/slo_spec.h"

namespace headroom {

inline constexpr int kScenarioFormatVersion = 1;
inline constexpr const char* kAnyClass = "*";  // behaviour key that applies to every request class
inline constexpr int kMaxReplicas = 10000;       // per component; the engine indexes replicas with 16 bits

struct CallTarget {
  CallTarget() = default;
  CallTarget(std::string target_name, double timeout = 0.0, std::optional<RetrySpec> retry_spec = std::nullopt)
      : target(std::move(target_name)), timeout_s(timeout), retry(std::move(retry_spec)) {}
  std::string target;      // component name
  double timeout_s = 0.0;  // 0 = wait forever; on expiry the request fails, the callee's work goes on
  std::optional<RetrySpec> retry;  // calls only (not sends)
};

struct Step;

struct BranchArm {
  double probability = 0.0;
  std::vector<Step> steps;
};

// One step of what a component does with a request after its own service time, while it still holds the
// worker (a thread or connection) that serves the request.
struct Step {
  enum class Kind {
    Work,      // more local processing: `work`
    Call,      // synchronous call: the worker waits for calls[0] to answer
    Parallel,  // fan-out: every call in `calls` at once, continue when all have answered (join)
    Branch,    // pick one arm by probability; the remaining probability does nothing
    Send       // asynchronous fire-and-forget message to calls[0]; does not wait
  };
  Kind kind = Kind::Work;
  Distribution work;
  std::vector<CallTarget> calls;
  std::vector<BranchArm> arms;
};

// After its steps, the request either leaves the system (it answers its caller or its client) or moves on
// to another component, releasing this one (open/closed queueing-network routing, as in Jackson networks).
struct RouteChoice {
  std::string to;
  double probability = 0.0;
};

struct Behaviour {
  std::vector<Step> steps;
  std::vector<RouteChoice> next;  // probabilities sum to <= 1; the remainder leaves the system
};

struct Component {
  enum class Type {
    Service,     // replicas x workers, a queue per replica
    Delay,       // infinite servers: pure latency (network hop, third-party API); never queues
    Topic,       // message topic: partitions hold messages, replicas are the consumers (`topic`)
    Serverless   // function: an environment per concurrent invocation, Lambda scaling rules (`serverless`)
  };
  enum class Discipline {
    FCFS,             // a request holds one worker for its service time AND its synchronous calls
    ProcessorSharing  // every request present shares the replica's workers (cores) equally; calls use no CPU
  };
  enum class Balancer { RoundRobin, LeastOutstanding, Random };

  std::string name;
  Type type = Type::Service;
  int replicas = 1;
  int workers_per_replica = 1;
  Discipline discipline = Discipline::FCFS;
  Balancer balancer = Balancer::RoundRobin;
  std::optional<int> queue_capacity;  // per replica, requests waiting (not in service); empty = unbounded
  Distribution service_time;          // local work per request, seconds
  std::map<std::string, Distribution> service_time_by_class;
  std::map<std::string, Behaviour> behaviour;  // by class name, or kAnyClass
  std::optional<AutoscalingSpec> autoscaling;  // services only; `replicas` is then the initial count
  std::optional<PodResources> pod;             // requests/limits; with a scenario `cluster`, runs on its nodes
  std::optional<PricingSpec> pricing;          // what it runs on, for cost (simulator/cost/); none = not priced

  // Parts of a real stack (model/component_features.h).
  std::string region;                            // empty = the scenario's first region (or none)
  std::optional<RateLimitSpec> rate_limit;       // admission: token buckets per client key (429)
  double error_ratio = 0.0;                      // a visit fails after its service time with this probability
  double shed_after_wait_s = 0.0;                // load shedding: a request that waited longer is dropped (0 = off)
  std::vector<CircuitBreakerSpec> circuit_breakers;  // on this component's calls, one per target
  std::vector<ConnectionPoolSpec> connection_pools;  // per replica of this component, one per target
  std::optional<CacheSpec> cache;
  std::optional<DatabaseSpec> database;          // lowered to shards/primaries/replicas before simulation
  std::optional<TopicSpec> topic;                // Type::Topic
  std::optional<ServerlessSpec> serverless;      // Type::Serverless
  std::vector<std::string> nearest_of;           // latency-based global routing: forward each request to the
                                                 // nearest (from the client's region) of these that serves

  const Distribution& serviceTimeFor(const std::string& cls) const;
  // The behaviour for a class: its own entry, else the kAnyClass entry, else nullptr (do nothing, leave).
  const Behaviour* behaviourFor(const std::string& cls) const;
};

struct ClassShare {
  std::string request_class;
  double weight = 1.0;  // relative; normalised over the source's mix
};

struct Source {
  enum class Kind { Open, Closed };
  enum class Arrivals { Poisson, Deterministic, Renewal };
  std::string name;
  Kind kind = Kind::Open;
  std::string entry;  // component that receives the requests
  // Open sources
  RateCurve rate;
  Arrivals arrivals = Arrivals::Poisson;
  double interarrival_cv = 1.0;  // Renewal: gamma inter-arrival times with this cv, scaled to 1/rate(t)
  // Closed sources: a fixed population of users, each thinking then sending one request and waiting
  int population = 0;
  Distribution think_time;
  std::vector<ClassShare> mix;  // empty = one class named after the source
  std::string region;           // where the clients are; empty = the scenario's first region (or none)
};

struct SimulationSettings {
  double horizon_s = 3600.0;    // simulated time per replication
  double warmup_s = 0.0;        // statistics before this are discarded
  int replications = 5;
  std::uint64_t seed = 1;
  double window_s = 0.0;        // time-series window; 0 = horizon / 120
  std::int64_t max_requests = 0;       // stop a replication after this many completed requests (0 = no limit)
  double target_relative_precision = 0.0;  // stop adding replications once the 95% CI half-width of the
                                           // end-to-end mean response time is below this fraction of the mean
  int max_replications = 100;              // cap for precision-driven runs
};

// Where the desktop application draws each node (scene coordinates of the node centre). No effect on a run;
// names that match no component or source are ignored.
struct NodePosition {
  double x = 0.0;
  double y = 0.0;
  bool operator==(const NodePosition&) const = default;
};
struct ScenarioLayout {
  std::map<std::string, NodePosition> components;
  std::map<std::string, NodePosition> sources;
  bool empty() const { return components.empty() && sources.empty(); }
  bool operator==(const ScenarioLayout&) const = default;
};

struct Scenario {
  int format_version = kScenarioFormatVersion;
  std::string name;
  std::string description;
  SimulationSettings simulation;
  std::vector<std::string> request_classes;  // declared classes; sources' mixes may only use these
  std::vector<Component> components;
  std::vector<Source> sources;
  std::vector<FaultSpec> faults;  // chaos timeline, in time order of at_s or not
  std::vector<RegionSpec> regions;  // empty = one place, no network latency
  std::optional<ClusterSpec> cluster;  // nodes for the components that have a `pod` block
  ScenarioLayout layout;               // drawing positions (GUI only)
  std::vector<ParameterProvenance> provenance;  // where calibrated parameters came from (assumptions log)
  std::optional<SloSpec> slo;          // objectives and alert rules of a capacity plan (simulator/planning/)

  const Component* findComponent(const std::string& name) const;
  int componentIndex(const std::string& name) const;  // -1 when absent
  // Declared classes plus every class a source mixes, in a stable order.
  std::vector<std::string> allRequestClasses() const;
};

// Visits every call target of `steps` (call, parallel and send steps, inside branch arms too) with the kind of
// its step: the one walk over a behaviour that validation and analysis share.
template <typename Visit>
void forEachCall(const std::vector<Step>& steps, Visit&& visit) {
  for (const Step& s : steps) {
    for (const CallTarget& c : s.calls) visit(s.kind, c);
    for (const BranchArm& a : s.arms) forEachCall(a.steps, visit);
  }
}

const char* componentTypeName(Component::Type type);
const char* disciplineName(Component::Discipline d);
const char* balancerName(Component::Balancer b);

}  // namespace headroom
