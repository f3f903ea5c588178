#pragma once
// What a report is made from (plain C++, no Qt): one run (and optionally a second one to compare with), the
// assumptions behind it with their provenance, the report's own editable assumptions (SLO, business impact),
// and optional sections other engines contribute (plan, cost) as ready-made tables, so the report works on a
// plain run today and shows those parts as soon as they exist.
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
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
struct ReportOptions {
  double slo_p99_ms = 300.0;
  Provenance slo_p99_provenance = Provenance::Default;
  double slo_error_ratio = 0.01;
  Provenance slo_error_provenance = Provenance::Default;
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

struct ReportInput {
  RunVariant primary;
  std::optional<RunVariant> comparison;  // A/B: the primary is A (as is), the comparison B (the variant)
  ReportOptions options;
  std::vector<ExtraSection> extra_sections;
};

// Stable 64-bit FNV-1a hash of the scenario's canonical JSON, as 16 hex digits: the stamp's scenario hash.
std::string scenarioHash(const Scenario& scenario);

}  // namespace headroom::report
