#pragma once
// The component-feature blocks of the scenario format (docs/scenario-format.md): retry on calls, rate limits,
// circuit breakers, connection pools and bulkheads, caches, databases, topics, serverless functions, latency
// routing and regions. Internal to model/: the scenario reader, writer and validation call these.
//
// Readers check structure only (types, units, unknown keys, enum values) and throw FieldError with the JSON
// path; the semantic rules (ranges, references) are the check functions, so scenarios built in memory get
// them too. Writers produce keys in the documented order and omit defaults.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/component_features.h"
#include "model/json_reader.h"

namespace headroom {
struct Component;
struct Scenario;
struct ValidationIssue;
}  // namespace headroom
namespace headroom::validation_detail {
class ScenarioIndex;
}  // namespace headroom::validation_detail

namespace headroom::json_detail {

// ---- reading ---------------------------------------------------------------------------------------------
RetrySpec readRetry(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
RateLimitSpec readRateLimit(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
CircuitBreakerSpec readCircuitBreaker(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
// `bulkhead` = true reads {"target", "size"} (max_wait_s = 0); false reads a pool with an optional max wait.
ConnectionPoolSpec readConnectionPool(const nlohmann::json& j, const JsonPath& path, const std::string& ctx,
                                      bool bulkhead);
CacheSpec readCache(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
DatabaseSpec readDatabase(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
TopicSpec readTopic(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
ServerlessSpec readServerless(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
RegionSpec readRegion(const nlohmann::json& j, const JsonPath& path);
// Reads every feature key of a component ("region" and "type" excepted) from its object reader.
void readComponentFeatures(ObjectReader& r, Component& c, const std::string& ctx);

// ---- writing ---------------------------------------------------------------------------------------------
nlohmann::ordered_json writeRetry(const RetrySpec& spec);
nlohmann::ordered_json writeRateLimit(const RateLimitSpec& spec);
nlohmann::ordered_json writeCircuitBreaker(const CircuitBreakerSpec& spec);
nlohmann::ordered_json writeConnectionPool(const ConnectionPoolSpec& spec);  // a bulkhead when max_wait_s == 0
nlohmann::ordered_json writeCache(const CacheSpec& spec);
nlohmann::ordered_json writeDatabase(const DatabaseSpec& spec);
nlohmann::ordered_json writeTopic(const TopicSpec& spec);
nlohmann::ordered_json writeServerless(const ServerlessSpec& spec);
nlohmann::ordered_json writeRegion(const RegionSpec& spec);
// Appends the feature keys of a component after its behaviour and autoscaling, in the documented order.
void writeComponentFeatures(const Component& c, nlohmann::ordered_json& o);

// ---- checking (validation_features.cpp) ---------------------------------------------------------------
// Retry of one call; `field` is the call's path ("behaviour.*.steps[0]"), issues use field + ".retry.<key>".
void checkRetry(const RetrySpec& spec, const std::string& where, const std::string& field,
                std::vector<ValidationIssue>& issues);
// Every feature field of one component (distributions excepted: validation.cpp checks those with the others).
// `index` holds the scenario's look-ups (validation_detail.h), built once per validation.
void checkComponentFeatures(const Scenario& scenario, const validation_detail::ScenarioIndex& index, const Component& c,
                            const std::string& where, std::vector<ValidationIssue>& issues);
// The "regions" list, and the region of every component and source.
void checkRegions(const Scenario& scenario, std::vector<ValidationIssue>& issues);

// Memory bound on per-key state (cache keys, database keys, rate-limit clients).
inline constexpr long long kMaxTrackedKeys = 10'000'000;

}  // namespace headroom::json_detail
