// Scenario -> analytic model mapping: which model a scenario gets, the KPIs it yields (recomputed here
// from textbook formulas), and the precise reasons when no exact model applies.
#include <QtTest>

#include <cmath>
#include <string>

#include "model/scenario.h"
#include "simulator/analytic/scenario_analysis.h"
#include "tests/simulator/scenario_builders.h"

using namespace headroom;

namespace {

Component station(const std::string& name, int workers, Distribution service) {
  Component c;
  c.name = name;
  c.workers_per_replica = workers;
  c.service_time = service;
  return c;
}

void route(Component& c, const std::string& to, double p, const std::string& cls = kAnyClass) {
  c.behaviour[cls].next.push_back({to, p});
}

Source openSource(const std::string& name, const std::string& entry, double rate) {
  Source s;
  s.name = name;
  s.entry = entry;
  s.rate = RateCurve::constant(rate);
  return s;
}

Scenario single(Component c, double rate) {
  Scenario s;
  s.name = "t";
  s.sources.push_back(openSource("web", c.name, rate));
  s.components.push_back(std::move(c));
  return s;
}

bool near(std::optional<double> v, double expected, double rel = 1e-9) {
  return v && std::abs(*v - expected) <= rel * std::max(1.0, std::abs(expected));
}

bool mentions(const AnalyticReport& r, const std::string& text) {
  for (const auto& reason : r.not_applicable)
    if (reason.find(text) != std::string::npos) return true;
  return false;
}

QString reasons(const AnalyticReport& r) {
  QString out;
  for (const auto& reason : r.not_applicable) out += QString::fromStdString(reason) + "; ";
  return out;
}

}  // namespace

class TestScenarioAnalysis : public QObject {
  Q_OBJECT
 private slots:
  void singleMm1() {
    const AnalyticReport r = analyzeScenario(single(station("api", 1, Distribution::exponential(1.0)), 0.8));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QCOMPARE(QString::fromStdString(r.model), QString("M/M/1"));
    QVERIFY(near(r.find("api", "utilization"), 0.8));
    QVERIFY(near(r.find("api", "response_mean_s"), 5.0));
    QVERIFY(near(r.find("api", "waiting_mean_s"), 4.0));
    QVERIFY(near(r.find("api", "mean_in_system"), 4.0));
    QVERIFY(near(r.find("api", "mean_queue_length"), 3.2));
    QVERIFY(near(r.find("api", "throughput_per_s"), 0.8));
    QVERIFY(near(r.find("api", "response_p99_s"), std::log(100.0) / 0.2));
    QVERIFY(near(r.find("api", "response_p999_s"), std::log(1000.0) / 0.2));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), 5.0));
    QVERIFY(near(r.find("end_to_end", "response_p50_s"), std::log(2.0) / 0.2));
    QVERIFY(near(r.find("end_to_end", "error_ratio"), 0.0));
    QVERIFY(!r.find("api", "rejection_ratio"));  // unbounded queue: no blocking KPI
  }

  void randomReplicasSplitPoisson() {
    // 2 replicas x 2 workers, lambda 3 split at random: each replica is M/M/2 with lambda 1.5, mu 1,
    // Erlang C = 9/14, W = 16/7, L = 24/7, Lq = 27/14 per replica (see the formula tests).
    Component c = station("api", 2, Distribution::exponential(1.0));
    c.replicas = 2;
    c.balancer = Component::Balancer::Random;
    const AnalyticReport r = analyzeScenario(single(c, 3.0));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QCOMPARE(QString::fromStdString(r.model), QString("M/M/2 per replica, 2 replicas (random split)"));
    QVERIFY(near(r.find("api", "utilization"), 0.75));
    QVERIFY(near(r.find("api", "response_mean_s"), 16.0 / 7.0));
    QVERIFY(near(r.find("api", "mean_in_system"), 2 * 24.0 / 7.0));
    QVERIFY(near(r.find("api", "mean_queue_length"), 2 * 27.0 / 14.0));
    QVERIFY(near(r.find("api", "throughput_per_s"), 3.0));
    QVERIFY(r.find("api", "response_p95_s").has_value());
  }

  void roundRobinReplicasAreNotPoisson() {
    Component c = station("api", 2, Distribution::exponential(1.0));
    c.replicas = 3;
    const AnalyticReport r = analyzeScenario(single(c, 3.0));
    QVERIFY(!r.applicable());
    QVERIFY(r.kpis.empty());
    QVERIFY(mentions(r, "arrivals per replica are not Poisson under round_robin balancing"));
  }

  void boundedQueueIsMmck() {
    // c = 2, queue 2 -> K = 4; lambda 2, mu 1: pi_K = 2/9 (hand computed in the formula tests).
    Component c = station("api", 2, Distribution::exponential(1.0));
    c.queue_capacity = 2;
    const AnalyticReport r = analyzeScenario(single(c, 2.0));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QCOMPARE(QString::fromStdString(r.model), QString("M/M/2/4"));
    QVERIFY(near(r.find("api", "rejection_ratio"), 2.0 / 9.0));
    QVERIFY(near(r.find("api", "arrival_rate_per_s"), 2.0));
    QVERIFY(near(r.find("api", "throughput_per_s"), 14.0 / 9.0));
    QVERIFY(near(r.find("api", "response_mean_s"), (20.0 / 9.0) / (14.0 / 9.0)));
    QVERIFY(near(r.find("end_to_end", "error_ratio"), 2.0 / 9.0));
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), 14.0 / 9.0));
    // admitted arrivals see 0..3 with weights 1, 2, 2, 2 (of 7): k = 0, 0, 1, 2 departures to wait for at
    // rate 2, then Exp(1). Check the median against that mixture directly.
    const auto median = r.find("api", "response_p50_s");
    QVERIFY(median.has_value());
    const double t = *median;
    const double erl1 = 2 * std::exp(-t) - std::exp(-2 * t);                    // Exp(2) + Exp(1)
    const double erl2 = std::exp(-t) * 4 - std::exp(-2 * t) * (3 + 2 * t);      // Erlang(2, 2) + Exp(1)
    const double survival = (3.0 * std::exp(-t) + 2.0 * erl1 + 2.0 * erl2) / 7.0;
    QVERIFY2(std::abs(survival - 0.5) < 1e-9, qPrintable(QString::number(survival)));
    QVERIFY(near(r.find("end_to_end", "response_p99_s"), *r.find("api", "response_p99_s")));
  }

  void hugeQueueCapacityIsRefusedNotAllocated() {
    Component c = station("api", 2, Distribution::exponential(1.0));
    c.queue_capacity = 2'000'000'000;
    QVERIFY(mentions(analyzeScenario(single(c, 1.0)), "too large for the exact finite-queue solution"));
  }

  void deterministicServiceIsPollaczekKhinchine() {
    const AnalyticReport r = analyzeScenario(single(station("api", 1, Distribution::deterministic(0.1)), 6.0));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    // Wq = lambda E[S^2] / (2 (1 - rho)) = 6 * 0.01 / 0.8
    QVERIFY(near(r.find("api", "waiting_mean_s"), 0.06 / 0.8));
    QVERIFY(near(r.find("api", "response_mean_s"), 0.06 / 0.8 + 0.1));
    QVERIFY(!r.find("api", "response_p50_s"));
  }

  void workStepsAddToTheServiceTime() {
    // exponential 0.5 then a work step exponential 0.5: E[S] = 1, E[S^2] = 0.5 + 0.5 + 2 * 0.25 = 1.5
    Component c = station("api", 1, Distribution::exponential(0.5));
    Step w;
    w.kind = Step::Kind::Work;
    w.work = Distribution::exponential(0.5);
    c.behaviour[kAnyClass].steps.push_back(w);
    const AnalyticReport r = analyzeScenario(single(c, 0.5));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(r.model.find("M/G/1") != std::string::npos);
    QVERIFY(near(r.find("api", "waiting_mean_s"), 0.5 * 1.5 / (2 * 0.5)));
  }

  void processorSharingWithCoresIsInsensitive() {
    Component c = station("api", 2, Distribution::lognormal(1.0, 3.0));
    c.discipline = Component::Discipline::ProcessorSharing;
    const AnalyticReport r = analyzeScenario(single(c, 1.5));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("api", "mean_in_system"), 24.0 / 7.0));
    QVERIFY(near(r.find("api", "response_mean_s"), 16.0 / 7.0));
    QVERIFY(near(r.find("api", "mean_queue_length"), 27.0 / 14.0));  // requests beyond the 2 cores
    QVERIFY(near(r.find("api", "waiting_mean_s"), 0.0));
    QVERIFY(!r.find("api", "response_p99_s"));
  }

  void singleCoreProcessorSharing() {
    Component c = station("api", 1, Distribution::uniform(0.0, 0.2));
    c.discipline = Component::Discipline::ProcessorSharing;
    const AnalyticReport r = analyzeScenario(single(c, 5.0));
    QVERIFY(near(r.find("api", "response_mean_s"), 0.1 / (1 - 0.5)));
  }

  void branchOfWorkIsAMixture() {
    // exp 0.02, then with p = 0.3 a deterministic 0.1: E[S] = 0.05,
    // E[S^2] = 2 * 0.02^2 + 2 * 0.02 * 0.03 + 0.3 * 0.1^2 = 0.005
    Component c = station("api", 1, Distribution::exponential(0.02));
    Step w;
    w.kind = Step::Kind::Work;
    w.work = Distribution::deterministic(0.1);
    Step b;
    b.kind = Step::Kind::Branch;
    b.arms.push_back({0.3, {w}});
    c.behaviour[kAnyClass].steps.push_back(b);
    const AnalyticReport r = analyzeScenario(single(c, 12.0));
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("api", "utilization"), 0.6));
    QVERIFY(near(r.find("api", "waiting_mean_s"), 12.0 * 0.005 / (2 * 0.4)));
  }

  void sendIsNotProductForm() {
    Scenario s = single(station("api", 4, Distribution::exponential(0.01)), 10.0);
    s.components.push_back(station("audit", 1, Distribution::exponential(0.01)));
    Step send;
    send.kind = Step::Kind::Send;
    send.calls.push_back({"audit", 0.0});
    s.components[0].behaviour[kAnyClass].steps.push_back(send);
    QVERIFY(mentions(analyzeScenario(s), "an asynchronous send forks an extra request"));
  }

  void synchronousCallsAreNotProductForm() {
    Scenario s = single(station("api", 4, Distribution::exponential(0.01)), 10.0);
    s.components.push_back(station("db", 1, Distribution::exponential(0.01)));
    Step call;
    call.kind = Step::Kind::Call;
    call.calls.push_back({"db", 0.0});
    s.components[0].behaviour[kAnyClass].steps.push_back(call);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY(!r.applicable());
    QVERIFY(mentions(r, "synchronous calls hold the caller's worker (not product form)"));
  }

  void jacksonNetworkWithFeedback() {
    // web -> app; app -> db 0.6, -> web 0.2, leaves 0.2; db -> app. Visits: web 20, app 50, db 30 per s.
    Scenario s = single(station("web", 2, Distribution::exponential(0.05)), 10.0);
    s.components.push_back(station("app", 4, Distribution::exponential(0.05)));
    s.components.push_back(station("db", 1, Distribution::exponential(0.02)));
    route(s.components[0], "app", 1.0);
    route(s.components[1], "db", 0.6);
    route(s.components[1], "web", 0.2);
    route(s.components[2], "app", 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("web", "throughput_per_s"), 20.0));
    QVERIFY(near(r.find("app", "throughput_per_s"), 50.0));
    QVERIFY(near(r.find("db", "throughput_per_s"), 30.0));
    QVERIFY(near(r.find("db", "utilization"), 0.6));
    QVERIFY(near(r.find("db", "mean_in_system"), 1.5));
    QVERIFY(near(r.find("db", "response_mean_s"), 1.5 / 30.0));  // per visit
    const double total_l = *r.find("web", "mean_in_system") + *r.find("app", "mean_in_system") + 1.5;
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), total_l / 10.0));
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), 10.0));
    QVERIFY(!r.find("end_to_end", "response_p99_s"));  // not for networks
    QVERIFY(near(r.find("db", "response_p50_s"), std::log(2.0) / (50.0 - 30.0)));  // M/M/1 per visit
  }

  void blockingInANetworkIsNotProductForm() {
    Scenario s = single(station("web", 2, Distribution::exponential(0.05)), 10.0);
    s.components.push_back(station("db", 1, Distribution::exponential(0.02)));
    s.components[1].queue_capacity = 10;
    route(s.components[0], "db", 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY(mentions(r, "blocking in a network is not product form"));
  }

  void nonExponentialFcfsInNetworkIsRejected() {
    Scenario s = single(station("web", 2, Distribution::exponential(0.05)), 10.0);
    s.components.push_back(station("db", 1, Distribution::deterministic(0.02)));
    route(s.components[0], "db", 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY(mentions(r, "component 'db': FCFS with non-exponential service"));
  }

  void delayStationsInANetwork() {
    Scenario s = single(station("net", 1, Distribution::lognormal(0.03, 2.0)), 10.0);
    s.components[0].type = Component::Type::Delay;
    s.components.push_back(station("svc", 1, Distribution::exponential(0.05)));
    route(s.components[0], "svc", 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("net", "response_mean_s"), 0.03));
    QVERIFY(near(r.find("net", "mean_in_system"), 0.3));
    QVERIFY(!r.find("net", "utilization"));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), 0.03 + 0.05 / 0.5));
  }

  void zeroServiceTimeNeverQueues() {
    Scenario s = single(station("router", 1, Distribution::deterministic(0.0)), 50.0);
    s.components.push_back(station("svc", 1, Distribution::exponential(0.01)));
    route(s.components[0], "svc", 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("router", "response_mean_s"), 0.0));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), 0.01 / 0.5));
  }

  void sourceAssumptionsAreChecked() {
    Scenario s = single(station("api", 1, Distribution::exponential(0.1)), 5.0);
    s.sources[0].arrivals = Source::Arrivals::Deterministic;
    s.sources[0].rate.spikes.push_back({10.0, 5.0, 4.0});
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY(mentions(r, "deterministic arrivals are not Poisson"));
    QVERIFY(mentions(r, "not stationary"));
    // a renewal process with cv 1 is Poisson
    Scenario p = single(station("api", 1, Distribution::exponential(0.1)), 5.0);
    p.sources[0].arrivals = Source::Arrivals::Renewal;
    p.sources[0].interarrival_cv = 1.0;
    QVERIFY(analyzeScenario(p).applicable());
  }

  void overloadNamesTheComponent() {
    const AnalyticReport r = analyzeScenario(single(station("api", 2, Distribution::exponential(1.0)), 2.5));
    QVERIFY(mentions(r, "component 'api' is overloaded"));
  }

  void mixingOpenAndClosedSources() {
    Scenario s = single(station("api", 1, Distribution::exponential(0.1)), 1.0);
    Source users = test::closedUsers("api", 5, Distribution::exponential(1.0));
    s.sources.push_back(users);
    QVERIFY(mentions(analyzeScenario(s), "mixing open and closed sources"));
  }

  void perClassServiceTimesAtFcfs() {
    Scenario s = single(station("api", 1, Distribution::exponential(0.1)), 2.0);
    s.request_classes = {"a", "b"};
    s.sources[0].mix = {{"a", 1.0}, {"b", 1.0}};
    s.components[0].service_time_by_class["b"] = Distribution::exponential(0.2);
    QVERIFY(mentions(analyzeScenario(s), "per-class service times differ"));
    // the same under PS is fine: a = 1 * 0.1 + 1 * 0.2 = 0.3, L = 0.3 / 0.7, W_r = E[S_r] / 0.7
    s.components[0].discipline = Component::Discipline::ProcessorSharing;
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("end_to_end:a", "response_mean_s"), 0.1 / 0.7));
    QVERIFY(near(r.find("end_to_end:b", "response_mean_s"), 0.2 / 0.7));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), (0.3 / 0.7) / 2.0));
  }

  void perClassRouting() {
    // class a: front only; class b: front then back. 4 req/s each.
    Scenario s = single(station("front", 1, Distribution::exponential(0.05)), 8.0);
    s.request_classes = {"a", "b"};
    s.sources[0].mix = {{"a", 1.0}, {"b", 1.0}};
    s.components.push_back(station("back", 1, Distribution::exponential(0.1)));
    route(s.components[0], "back", 1.0, "b");
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("back", "throughput_per_s"), 4.0));
    const double w_front = 1.0 / (20.0 - 8.0), w_back = 1.0 / (10.0 - 4.0);
    QVERIFY(near(r.find("end_to_end:a", "response_mean_s"), w_front));
    QVERIFY(near(r.find("end_to_end:b", "response_mean_s"), w_front + w_back));
  }

  void closedNetworkByMva() {
    // cpu (exp 1.0) -> disk (exp 0.5) -> leaves; 2 users thinking 2 s: X = 14/27 (hand iteration).
    Scenario s;
    s.name = "closed";
    s.components.push_back(station("cpu", 1, Distribution::exponential(1.0)));
    s.components.push_back(station("disk", 1, Distribution::exponential(0.5)));
    route(s.components[0], "disk", 1.0);
    Source users = test::closedUsers("cpu", 2, Distribution::deterministic(2.0));  // insensitive: only the mean matters
    s.sources.push_back(users);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    const double x = 14.0 / 27.0;
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), x));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), 2.0 / x - 2.0));
    QVERIFY(near(r.find("cpu", "utilization"), x));
    QVERIFY(near(r.find("cpu", "mean_in_system"), 2.0 / 3.0));
    QVERIFY(near(r.find("cpu", "response_mean_s"), 9.0 / 7.0));
    QVERIFY(near(r.find("cpu", "mean_queue_length"), 2.0 / 3.0 - x));
    QVERIFY(near(r.find("disk", "mean_in_system"), 8.0 / 27.0));
  }

  void closedMultiServerStation() {
    // machine repairman M/M/2//3: weights 1, 3r, 3r^2, (3/2) r^3 with r = D/Z = 0.5 -> X = sum pi_n min(n,2)/D
    Scenario s;
    s.name = "closed";
    s.components.push_back(station("pool", 2, Distribution::exponential(0.5)));
    Source users = test::closedUsers("pool", 3, Distribution::exponential(1.0));
    s.sources.push_back(users);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    const double w[] = {1.0, 1.5, 0.75, 0.1875};
    const double total = w[0] + w[1] + w[2] + w[3];
    const double x = (w[1] * 1 + w[2] * 2 + w[3] * 2) / total / 0.5;
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), x));
    QVERIFY(near(r.find("pool", "utilization"), x * 0.5 / 2.0));
    QVERIFY(near(r.find("pool", "mean_queue_length"), w[3] / total));  // one waits only when all 3 are there
  }

  void closedPerClassResponse() {
    // One PS core, class a needs 0.1 s and class b 0.3 s, half the cycles each: D = 0.2, N = 2, Z = 1.
    // MVA: n = 1: R = 0.2, X = 1/1.2, Q = 1/6. n = 2: R = 0.2 (1 + 1/6) = 7/30, X = 2 / (1 + 7/30) = 60/37.
    // A class-r request takes S_r (1 + Q(1)) = S_r * 7/6.
    Scenario s;
    s.name = "closed";
    s.request_classes = {"a", "b"};
    s.components.push_back(station("cpu", 1, Distribution::exponential(0.1)));
    s.components[0].discipline = Component::Discipline::ProcessorSharing;
    s.components[0].service_time_by_class["b"] = Distribution::gamma(0.3, 0.5);
    Source users = test::closedUsers("cpu", 2, Distribution::exponential(1.0));
    users.mix = {{"a", 1.0}, {"b", 1.0}};
    s.sources.push_back(users);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), 60.0 / 37.0));
    QVERIFY(near(r.find("end_to_end", "response_mean_s"), 7.0 / 30.0));
    QVERIFY(near(r.find("end_to_end:a", "response_mean_s"), 0.1 * 7.0 / 6.0));
    QVERIFY(near(r.find("end_to_end:b", "response_mean_s"), 0.3 * 7.0 / 6.0));
    QVERIFY(near(r.find("end_to_end:b", "throughput_per_s"), 30.0 / 37.0));
  }

  void closedQueueCapacityMattersOnlyWhenItBinds() {
    Scenario s;
    s.name = "closed";
    s.components.push_back(station("pool", 2, Distribution::exponential(0.5)));
    s.components[0].queue_capacity = 1;
    Source users;
    users.name = "users";
    users.kind = Source::Kind::Closed;
    users.entry = "pool";
    users.population = 3;  // 2 workers + 1 place: nobody is ever turned away
    users.think_time = Distribution::exponential(1.0);
    s.sources.push_back(users);
    const AnalyticReport fits = analyzeScenario(s);
    QVERIFY2(fits.applicable(), qPrintable(reasons(fits)));
    s.sources[0].population = 4;
    QVERIFY(mentions(analyzeScenario(s), "blocking in a network is not product form"));
  }

  void closedRandomReplicasAreSeparateStations() {
    // two random replicas of a single server with demand 0.4 per visit: each replica gets demand 0.2 and
    // is a separate queue; 1 user: X = 1 / (Z + 0.4) whatever the split, utilization per replica X * 0.2
    Scenario s;
    s.name = "closed";
    s.components.push_back(station("pool", 1, Distribution::exponential(0.4)));
    s.components[0].replicas = 2;
    s.components[0].balancer = Component::Balancer::Random;
    Source users = test::closedUsers("pool", 1, Distribution::exponential(0.6));
    s.sources.push_back(users);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY2(r.applicable(), qPrintable(reasons(r)));
    QVERIFY(near(r.find("end_to_end", "throughput_per_s"), 1.0));
    QVERIFY(near(r.find("pool", "utilization"), 0.2));
    QVERIFY(near(r.find("pool", "mean_in_system"), 0.4));
  }

  void closedRoundRobinReplicasRejected() {
    Scenario s;
    s.name = "closed";
    s.components.push_back(station("pool", 1, Distribution::exponential(0.5)));
    s.components[0].replicas = 2;
    Source users = test::closedUsers("pool", 3, Distribution::exponential(1.0));
    s.sources.push_back(users);
    QVERIFY(mentions(analyzeScenario(s), "round_robin"));
  }

  void invalidScenarioIsReportedNotAnalysed() {
    Scenario s = single(station("api", 0, Distribution::exponential(0.1)), 1.0);
    const AnalyticReport r = analyzeScenario(s);
    QVERIFY(!r.applicable());
    QVERIFY(mentions(r, "invalid scenario"));
    QVERIFY(mentions(r, "workers_per_replica"));
  }
};

QTEST_APPLESS_MAIN(TestScenarioAnalysis)
#include "test_scenario_analysis.moc"
