#pragma once
// What a report is made from (plain C++, no Qt): one run (and optionally a second one to compare with), the
// assumptions behind it with their provenance, the report's own editable assumptions (SLO, business impact),
// and optional sections other engines contribute (plan, cost) as ready-made tables, so the report works on a
// plain run today and shows those parts as soon as they exist.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"
#include "simulator/health/health.h"
#include "simulator/run_result.h"

namespace headroom::report {

enum class Provenance { UserEntered, Default, Imported, Fitted, Derived };
const char* provenanceLabel(Provenance p);  // "user-entered", "default", "imported", "fitted", "derived"

// One input of the model, as the assumptions log shows it.
struct Assumption {
  std::string input;   // "database: service time"
  std::string value;   // "lognormal, mean 5 ms, cv 1.5"
  Provenance provenance = Provenance::UserEntered;
  std::string source;  // "default.json", "--slo-p99-ms", "built-in default", "project shop.hdrm, version 3"
};

// One variant: a scenario, its run, where it came from.
struct RunVariant {
  std::string label;  // "A: webshop" ...
  Scenario scenario;
  RunResult run;
  std::string origin;  // "scenarios/default.json", "shop.hdrm run #4"
  std::vector<Assumption> inputs;
};

// The report's own assumptions: the user edits them (command-line options or the export dialog); each
// records whether it was given or left at its default, for the assumptions log.
//
// The SLO has ONE source of truth: the scenario's `slo` block through healthTargetsFor() (simulator/health),
// the health library's defaults where the block says nothing, command-line options overriding. The defaults
// here are those of HealthTargets; sloFromScenario() fills in the scenario's and says where each came from.
struct ReportOptions {
  double slo_p99_ms = HealthTargets{}.p99_s * 1e3;
  Provenance slo_p99_provenance = Provenance::Default;
  std::string slo_p99_source;  // "scenario slo block", "--slo-p99-ms", ...; empty = "built-in default"
  double slo_error_ratio = HealthTargets{}.error_ratio;
  Provenance slo_error_provenance = Provenance::Default;
  std::string slo_error_source;
  // Business impact: conversion lost per +100 ms of mean response time (the articles cite ~7%), applied to
  // the revenue that passes through the system each month.
  double revenue_per_month_usd = 1'000'000.0;
  Provenance revenue_provenance = Provenance::Default;
  double conversion_loss_per_100ms = 0.07;
  Provenance sensitivity_provenance = Provenance::Default;
  std::string version;       // Headroom version for the stamp
  std::string generated_utc;  // "2026-12-02 17:40 UTC"; empty = now
};

// A section contributed by another engine (runway and alerts from planning, cost per component...): a heading,
// a few sentences and a table. `headline` lines also appear on the executive summary page.
struct ExtraSection {
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> headline;
};

// A capacity plan (simulator/planning) to report on: its headroom-plan JSON (plan_io's planToJson, possibly
// with the cost and band fields newer planners add), where it came from, and where its SLO came from.
// When set, the report is a plan report: `primary` carries the scenario and its assumptions, not a run.
struct PlanInput {
  nlohmann::json plan;
  std::string origin;       // "scenarios/x.json, planned now" or "shop.hdrm plan 'q1' (#3)"
  std::string name;         // stored plan name; empty when planned for this report
  std::string slo_source;   // "scenario slo block", "--slo-p99-ms", "planner default (no latency objective)"
  std::string origin_warning;  // e.g. the stored scenario no longer hashes as when the plan was made
};

struct ReportInput {
  RunVariant primary;
  std::optional<PlanInput> plan;
  std::optional<RunVariant> comparison;  // A/B: the primary is A (as is), the comparison B (the variant)
  ReportOptions options;
  std::vector<ExtraSection> extra_sections;
};

// The report's SLO from the scenario (healthTargetsFor): its slo block where it states p99 / errors, the
// health library's defaults otherwise; options already given by the user (provenance UserEntered) are kept.
void sloFromScenario(const Scenario& scenario, ReportOptions& options);

// Stable 64-bit FNV-1a hash of the scenario's canonical JSON, as 16 hex digits: the stamp's scenario hash.
std::string scenarioHash(const Scenario& scenario);

}  // namespace headroom::report
