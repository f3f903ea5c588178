// What the report says (plain C++ part of ui/report/): the verdict follows the SLO and the bottleneck rule, the
// assumptions log tells user-entered inputs from defaults, and optional sections (plan, cost) appear only when given.
#include <QtTest>

#include "simulator/simulation.h"
#include "ui/report/cost_section.h"
#include "ui/report/plan_report.h"
#include "ui/report/report_content.h"
#include "ui/report/scenario_assumptions.h"

using namespace headroom;
using namespace headroom::report;

namespace {

// One M/M/1 server at utilization `rho` (service 10 ms), briefly simulated.
ReportInput singleServer(double rho, double slo_p99_ms) {
  Scenario s;
  s.name = "single";
  Component c;
  c.name = "server";
  c.service_time = Distribution::exponential(0.010);
  s.components.push_back(c);
  Source src;
  src.name = "users";
  src.entry = "server";
  src.rate = RateCurve::constant(rho / 0.010);
  s.sources.push_back(src);
  s.simulation.horizon_s = 400;
  s.simulation.warmup_s = 40;
  s.simulation.replications = 3;
  s.simulation.seed = 7;
  const nlohmann::json raw = {{"name", "single"},
                              {"simulation", {{"horizon_s", 400}, {"replications", 3}}},
                              {"components", {{{"name", "server"}, {"service_time", {{"dist", "exponential"}, {"mean_ms", 10}}}}}}};
  ReportInput in;
  in.primary = makeVariant("A: single", s, raw, "dir/single.json", runSimulation(s));
  in.options.slo_p99_ms = slo_p99_ms;
  in.options.version = "test";
  in.options.generated_utc = "2026-01-01 00:00 UTC";
  return in;
}

const Assumption* find(const std::vector<Assumption>& log, const std::string& input) {
  for (const Assumption& a : log)
    if (a.input == input) return &a;
  return nullptr;
}

bool hasHeading(const ReportDocument& doc, const std::string& text) {
  for (const Block& b : doc.blocks)
    if (b.kind == Block::Kind::Heading && b.text == text) return true;
  return false;
}

}  // namespace

class TestReportContent : public QObject {
  Q_OBJECT

 private slots:
  void lightLoadMeetsTheSloAndNamesTheBusiestComponent() {
    const ReportDocument doc = buildReport(singleServer(0.5, 300));
    QVERIFY2(doc.verdict.find("meets its SLO") != std::string::npos, doc.verdict.c_str());
    QVERIFY2(doc.verdict.find("server is the busiest component") != std::string::npos, doc.verdict.c_str());
    // 90% / 50% - 1 = +80% traffic to saturation; allow the simulated utilization's noise.
    QVERIFY2(doc.verdict.find("+7") != std::string::npos || doc.verdict.find("+8") != std::string::npos, doc.verdict.c_str());
  }

  void overloadMissesTheSloAndSaturates() {
    const ReportDocument doc = buildReport(singleServer(0.97, 20));
    QVERIFY2(doc.verdict.find("misses its SLO") != std::string::npos, doc.verdict.c_str());
    QVERIFY2(doc.verdict.find("server saturates") != std::string::npos, doc.verdict.c_str());
    bool misses = false;
    for (const Headline& h : doc.headlines)
      if (h.label.rfind("p99", 0) == 0) misses = h.status == "misses" && h.value * 1e3 > 20;
    QVERIFY(misses);
  }

  void assumptionsTellUserEnteredFromDefault() {
    const ReportInput in = singleServer(0.5, 300);
    const auto& log = in.primary.inputs;
    QCOMPARE(find(log, "simulation: horizon")->provenance, Provenance::UserEntered);
    QCOMPARE(find(log, "simulation: horizon")->source, std::string("single.json"));
    QCOMPARE(find(log, "simulation: seed")->provenance, Provenance::Default);  // not in the raw JSON
    QCOMPARE(find(log, "server: service time")->provenance, Provenance::UserEntered);
    QCOMPARE(find(log, "server: replicas")->provenance, Provenance::Default);
    QCOMPARE(find(log, "source users: arrival rate")->provenance, Provenance::Default);  // no "sources" in raw
    ReportOptions o;
    o.slo_p99_provenance = Provenance::UserEntered;
    const auto options = reportOptionAssumptions(o);
    QCOMPARE(options.front().source, std::string("--slo-p99-ms"));
    QCOMPARE(options.back().provenance, Provenance::Default);
  }

  void optionalSectionsAppearOnlyWhenGiven() {
    ReportInput in = singleServer(0.5, 300);
    QVERIFY(!hasHeading(buildReport(in), "Cost"));
    ExtraSection cost;
    cost.title = "Cost";
    cost.columns = {"component", "usd_per_month"};
    cost.rows = {{"server", "$73"}};
    cost.headline = {"$73 per month now"};
    in.extra_sections.push_back(cost);
    const ReportDocument doc = buildReport(in);
    QVERIFY(hasHeading(doc, "Cost"));
    bool onSummary = false;
    for (std::size_t i = 0; i < doc.blocks.size() && doc.blocks[i].text != "Bottleneck"; ++i)
      onSummary = onSummary || doc.blocks[i].text == "Cost: $73 per month now";
    QVERIFY(onSummary);
  }

  void planWithCostAndBandShowsThemOnPageOne() {
    // A plan as a newer planner writes it (cost_by_month, band): the report shows cost now and at the horizon,
    // the P10-P90 break days, and records each number with the JSON path it came from. Months are 0-based in the
    // plan JSON (PlanMonthCost::month) and read 1-based, as `plan` prints them.
    ReportInput in = singleServer(0.5, 300);
    PlanInput p;
    p.plan = nlohmann::json::parse(R"({"format":"headroom-plan","horizon_s":15552000,"step_s":60,"point_interval_s":86400,
      "slo":{"p99_s":0.3,"utilization_threshold":0.8,"sustain_s":300},"slo_breach_at_s":null,"first_to_break":"server",
      "runways":[{"component":"server","breaks":true,"break_at_s":8640000,"offered_per_s_at_break":123.45,"reason":"cpu/workers",
                  "scales_horizontally":false,"max_replicas":1,"growth_factor":1.9}],
      "alerts":[{"rule":"cpu_above_80pct_5min","entity":"server","at_s":8000000,"value":0.81}],"components":["server"],"timeline":[],
      "cost":{"catalog_version":"v1","catalog_date":"2026-11-01"},
      "cost_by_month":[{"month":0,"usd_per_month":73.0},{"month":5,"usd_per_month":146.5}],
      "band":{"growth_percent_per_month":{"p10":4,"p50":8,"p90":12},"source":"fit",
              "runways":[{"component":"server","break_at_s":{"p10":7000000,"p50":8640000,"p90":null},"reason":"cpu/workers"}],
              "cost_by_month":[{"month":5,"usd_per_month":{"p10":120,"p50":146.5,"p90":170}}]}})");
    p.origin = "test";
    p.slo_source = "test";
    in.plan = p;
    const ReportDocument doc = buildReport(in);
    QVERIFY2(doc.verdict.find("server runs out of headroom first, in about 3 months, on day 100.0 (cpu/workers), at +8%/month") == 0,
             doc.verdict.c_str());
    std::string all;
    for (const Block& b : doc.blocks) {
      all += b.text + "\n";
      for (const auto& row : b.table.rows)
        for (const std::string& cell : row) all += cell + " | ";
      for (const std::string& c : b.table.columns) all += c + " | ";
    }
    QVERIFY2(all.find("Monthly cost: $73.00 now (month 1) and $146.50 at the horizon (month 6)") != std::string::npos, all.c_str());
    QVERIFY(all.find("P10 – P90 $120.00 – $170.00") != std::string::npos);
    QVERIFY(all.find("band P10 – P90") != std::string::npos);
    QVERIFY(all.find("day 81.0 – holds") != std::string::npos);
    QVERIFY(all.find("day 100.0 (month 3.3)") != std::string::npos);
    QVERIFY(all.find("81%") != std::string::npos);  // the alert's value in its unit
    bool costChart = false;
    for (const Block& b : doc.blocks) costChart = costChart || (b.kind == Block::Kind::Chart && b.chart == ChartKind::PlanCost);
    QVERIFY(costChart);
    bool costHeadline = false;
    for (const Headline& h : doc.headlines)
      costHeadline = costHeadline || (h.json_path == "cost_by_month[1].usd_per_month" && h.value == 146.5);
    QVERIFY(costHeadline);
  }

  void costSectionShowsMonthAndPerThousandRequests() {
    cost::ScenarioCost c;
    c.catalog_version = "v1";
    c.catalog_date = "2026-11-01";
    c.priced_on = "2026-12-02";
    c.replications = 3;
    c.components = {{"api", {}, {0.10, 0.01, 3}}};
    c.usd_per_hour = {0.10, 0.01, 3};
    c.usd_per_month = {73.0, 7.3, 3};
    c.usd_per_1k_requests = {0.0005, 0.00001, 3};
    c.not_priced = {{"payments", "third party"}};
    const ExtraSection x = costSection(c);
    QCOMPARE(x.title, std::string("Cost"));
    QCOMPARE(x.rows.size(), std::size_t(2));  // api + total
    QCOMPARE(x.rows[0][2], std::string("$73.00 ± 7.30"));  // 0.10 $/h x 730 h
    QCOMPARE(x.rows[1][2], std::string("$73.00 ± 7.30"));
    QVERIFY(x.headline.front().find("$0.0005") != std::string::npos);
    bool notPriced = false;
    for (const std::string& p : x.paragraphs) notPriced = notPriced || p.find("Not priced: payments") != std::string::npos;
    QVERIFY(notPriced);
  }

  void usdIsGroupedAndSigned() {
    QCOMPARE(formatUsd(1234567.4), std::string("$1,234,567"));
    QCOMPARE(formatUsd(-999.6), std::string("-$1,000"));
    QCOMPARE(formatUsd(0), std::string("$0"));
  }
};

QTEST_APPLESS_MAIN(TestReportContent)
#include "test_report_content.moc"
