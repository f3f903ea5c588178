// The validation suite: the engine against exact queueing theory, one case per analytic class.
// Each case runs independent replications and checks every KPI the analytic model gives against the
// simulator's own 95% confidence interval, made simultaneous over the case's KPIs (Bonferroni), since
// with dozens of KPIs some plain 95% intervals miss by chance. A bias in the engine fails these checks.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/analytic/comparison.h"
#include "simulator/analytic/scenario_analysis.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

void withRoute(Component& c, std::vector<RouteChoice> next) { c.behaviour[kAnyClass].next = std::move(next); }

struct CaseOutcome {
  int compared = 0;
  int outsidePlainCi = 0;
};

// Runs the scenario, compares, and verifies agreement; `mustHave` lists entity/KPI pairs that the analytic
// model has to provide (so a silently shrinking report cannot pass).
CaseOutcome verifyAgainstTheory(const Scenario& s, const std::vector<std::pair<std::string, std::string>>& mustHave) {
  CaseOutcome out;
  const AnalyticReport report = analyzeScenario(s);
  if (!report.applicable()) {
    QString why;
    for (const auto& r : report.not_applicable) why += QString::fromStdString(r) + "; ";
    QTest::qFail(qPrintable("analytic model not applicable: " + why), __FILE__, __LINE__);
    return out;
  }
  RunOptions o;
  o.threads = 0;
  const RunResult run = runSimulation(s, o);
  const auto rows = compareWithSimulation(report, run);
  for (const auto& [entity, kpi] : mustHave) {
    bool found = false;
    for (const auto& r : rows) found = found || (r.entity == entity && r.kpi == kpi);
    if (!found) {
      QTest::qFail(qPrintable(QString("no comparison for %1 %2").arg(entity.c_str(), kpi.c_str())), __FILE__, __LINE__);
      return out;
    }
  }
  const double widen = simultaneousWidening(static_cast<int>(rows.size()), run.replications);
  out.compared = static_cast<int>(rows.size());
  for (const auto& r : rows) {
    if (!r.within_ci) ++out.outsidePlainCi;
    const bool ok = std::isfinite(r.half_width) && std::abs(r.simulated_mean - r.analytic) <= widen * r.half_width;
    if (!ok) {
      QTest::qFail(qPrintable(QString("%1 %2: analytic %3, simulated %4 +- %5 (x%6 simultaneous)")
                                  .arg(r.entity.c_str(), r.kpi.c_str())
                                  .arg(r.analytic)
                                  .arg(r.simulated_mean)
                                  .arg(r.half_width)
                                  .arg(widen)),
                   __FILE__, __LINE__);
      return out;
    }
  }
  qInfo("%d KPIs compared, %d outside their plain 95%% CI, all inside the simultaneous CI", out.compared,
        out.outsidePlainCi);
  return out;
}

const std::vector<std::pair<std::string, std::string>> kStationKpis = {
    {"srv", "utilization"}, {"srv", "response_mean_s"}, {"srv", "mean_in_system"}, {"srv", "throughput_per_s"}};

}  // namespace

class AnalyticValidationTest : public QObject {
  Q_OBJECT
 private slots:
  void mm1MeanAndPercentiles() {
    // rho = 0.8; the response time is exponential with rate mu - lambda, so every percentile is exact.
    const Scenario s = test::singleStation(test::station("srv", 1, Distribution::exponential(0.1)), 8, 20000, 10);
    auto must = kStationKpis;
    must.push_back({"srv", "response_p99_s"});
    must.push_back({"srv", "response_p50_s"});
    verifyAgainstTheory(s, must);
  }

  void mmcErlangC() {
    const Scenario s = test::singleStation(test::station("srv", 4, Distribution::exponential(0.1)), 34, 8000, 10);
    auto must = kStationKpis;
    must.push_back({"srv", "waiting_mean_s"});
    must.push_back({"srv", "response_p95_s"});
    verifyAgainstTheory(s, must);
  }

  void mmckBlockingProbability() {
    // Overloaded (offered 2.5 Erlang on 2 servers) with room for 3 waiting: blocking is large and exact.
    Component c = test::station("srv", 2, Distribution::exponential(0.1));
    c.queue_capacity = 3;
    const Scenario s = test::singleStation(c, 25, 4000, 10);
    auto must = kStationKpis;
    must.push_back({"srv", "rejection_ratio"});
    verifyAgainstTheory(s, must);
  }

  void mg1PollaczekKhinchineDeterministic() {
    const Scenario s = test::singleStation(test::station("srv", 1, Distribution::deterministic(0.1)), 8, 10000, 10);
    verifyAgainstTheory(s, kStationKpis);
  }

  void mg1PollaczekKhinchineLognormal() {
    const Scenario s = test::singleStation(test::station("srv", 1, Distribution::lognormal(0.1, 2.0)), 7, 40000, 12);
    verifyAgainstTheory(s, kStationKpis);
  }

  void mg1ProcessorSharingIsInsensitive() {
    Component c = test::station("srv", 1, Distribution::lognormal(0.1, 1.5));
    c.discipline = Component::Discipline::ProcessorSharing;
    const Scenario s = test::singleStation(c, 8, 20000, 10);
    verifyAgainstTheory(s, kStationKpis);
  }

  void openJacksonNetworkWithFeedbackAndMultiServerStations() {
    Scenario s;
    s.name = "jackson";
    Component a = test::station("a", 2, Distribution::exponential(0.05));
    Component b = test::station("b", 1, Distribution::exponential(0.04));
    Component c = test::station("c", 3, Distribution::exponential(0.1));
    withRoute(a, {{"b", 0.5}, {"c", 0.3}});
    withRoute(b, {{"a", 0.2}, {"c", 0.3}});
    s.components = {a, b, c};
    s.sources = {test::poisson("a", 20, "outside-a"), test::poisson("b", 5, "outside-b")};
    s.simulation.horizon_s = 6000;
    s.simulation.warmup_s = 300;
    s.simulation.replications = 10;
    s.simulation.seed = 31;
    verifyAgainstTheory(s, {{"a", "utilization"}, {"b", "response_mean_s"}, {"c", "mean_in_system"},
                            {"a", "throughput_per_s"}, {"end_to_end", "response_mean_s"}});
  }

  void closedNetworkWithThinkTimeByMva() {
    Scenario s;
    s.name = "closed";
    Component cpu = test::station("cpu", 1, Distribution::exponential(0.05));
    withRoute(cpu, {{"disk1", 0.6}, {"disk2", 0.4}});
    s.components = {cpu, test::station("disk1", 1, Distribution::exponential(0.08)),
                    test::station("disk2", 1, Distribution::exponential(0.12))};
    Source users = test::closedUsers("cpu", 15, Distribution::exponential(2.0));
    s.sources = {users};
    s.simulation.horizon_s = 8000;
    s.simulation.warmup_s = 400;
    s.simulation.replications = 10;
    s.simulation.seed = 77;
    verifyAgainstTheory(s, {{"cpu", "utilization"}, {"disk1", "response_mean_s"}, {"disk2", "mean_in_system"},
                            {"end_to_end", "throughput_per_s"}, {"end_to_end", "response_mean_s"}});
  }
};

QTEST_APPLESS_MAIN(AnalyticValidationTest)
#include "test_analytic_validation.moc"
