// KEDA and AWS Auto Scaling in the simulation loop, and the faults that need parts of a stack: a topic's
// consumers scale from zero with its lag and back after the cooldown; target tracking scales out after its
// three breaching datapoints to the count its formula gives; step and scheduled actions act when their rules
// say; added latency, database failover and region loss do what the fault timeline promises.
#include <QtTest>

#include <cmath>

#include "model/database_lowering.h"
#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Source stepSource(const std::string& entry, std::vector<RateStep> steps) {
  Source src = test::poisson(entry, 0);
  src.rate.kind = RateCurve::Kind::Steps;
  src.rate.steps = std::move(steps);
  return src;
}

std::vector<const ScalingEventRecord*> changes(const RunResult& r, const std::string& component) {
  std::vector<const ScalingEventRecord*> out;
  for (const auto& e : r.scaling_events)
    if (e.component == component && e.from != e.to) out.push_back(&e);
  return out;
}

// Orders arrive at 20/s between t = 300 s and 900 s; each consumer handles 10/s (100 ms deterministic).
Scenario kedaTopic() {
  Component topic = test::station("orders", 1, Distribution::deterministic(0.1));
  topic.type = Component::Type::Topic;
  topic.topic = TopicSpec{};
  topic.topic->partitions = 8;
  AutoscalingSpec keda;
  keda.kind = AutoscalingSpec::Kind::Keda;
  keda.min_replicas = 0;
  keda.max_replicas = 8;
  keda.keda_target_per_replica = 50;
  keda.keda_polling_interval_s = 30;
  keda.keda_cooldown_period_s = 120;
  keda.replica_startup_s = 10;
  topic.autoscaling = keda;
  Scenario s;
  s.name = "keda";
  s.components = {topic};
  s.sources = {stepSource("orders", {{0, 0}, {300, 20}, {900, 0}})};
  s.simulation.horizon_s = 1800;
  s.simulation.window_s = 30;
  s.simulation.replications = 2;
  s.simulation.seed = 5;
  return s;
}

// api: 2 workers per instance, 20 ms exponential work: one instance is 100% busy at 100 req/s.
Scenario awsGroup(const AwsPolicySpec& policy) {
  Component api = test::station("api", 2, Distribution::exponential(0.02), 2);
  AutoscalingSpec aws;
  aws.kind = AutoscalingSpec::Kind::Aws;
  aws.min_replicas = 2;
  aws.max_replicas = 20;
  aws.replica_startup_s = 60;
  aws.aws_policies = {policy};
  api.autoscaling = aws;
  Scenario s;
  s.name = "aws";
  s.components = {api};
  s.sources = {stepSource("api", {{0, 50}, {900, 150}})};  // 25% CPU, then 75% on two instances
  s.simulation.horizon_s = 1800;
  s.simulation.window_s = 60;
  s.simulation.replications = 1;
  s.simulation.seed = 8;
  return s;
}

}  // namespace

class EventScalersTest : public QObject {
  Q_OBJECT
 private slots:
  void kedaScalesConsumersFromZeroWithLagAndBackAfterCooldown() {
    const RunResult r = runSimulation(kedaTopic());
    const auto ch = changes(r, "orders");
    QVERIFY(!ch.empty());
    // Nothing to consume before t = 300 s: the single initial consumer is removed (min 0).
    QCOMPARE(ch.front()->to, 0);
    QVERIFY(ch.front()->time_s < 300);
    // The first activation comes at the first operator poll after messages arrive (polls every 30 s).
    const ScalingEventRecord* activation = nullptr;
    for (const auto* e : ch)
      if (e->from == 0 && e->to > 0 && e->time_s >= 300) {
        activation = e;
        break;
      }
    QVERIFY(activation);
    QVERIFY2(activation->time_s <= 300 + 30 + 5, qPrintable(QString::number(activation->time_s)));
    // Back to zero only after the load stops and the cooldown has passed.
    const ScalingEventRecord* last = ch.back();
    QCOMPARE(last->to, 0);
    QVERIFY2(last->time_s >= 900 + 120, qPrintable(QString::number(last->time_s)));
    // Messages waited while there was no consumer: nothing refused, nothing lost.
    const auto* orders = r.component("orders");
    QCOMPARE(orders->rejections_per_s.mean, 0.0);
    QCOMPARE(orders->feature("lost_messages_per_s")->mean, 0.0);
    // Every message published was consumed by the end (the run is long enough to drain).
    const auto* e2e = r.endToEnd();
    QVERIFY(std::abs(e2e->throughput_per_s.mean - e2e->arrival_rate_per_s.mean) < 0.02 * e2e->arrival_rate_per_s.mean);
  }

  void awsTargetTrackingScalesOutAfterThreeDatapointsToItsFormula() {
    AwsPolicySpec tt;
    tt.type = AwsPolicySpec::Type::TargetTracking;
    tt.metric = AwsPolicySpec::Metric::CpuUtilization;
    tt.target = 50;
    tt.instance_warmup_s = 120;
    const RunResult r = runSimulation(awsGroup(tt));
    const auto ch = changes(r, "api");
    QVERIFY(!ch.empty());
    // The step is at 900 s; datapoints are evaluated each minute; 3 of 3 must breach 50%: the minute ending
    // at 960 s is the first fully above, so the alarm fires at 1080 s (960, 1020, 1080).
    QCOMPARE(ch.front()->time_s, 1080.0);
    // ceil(75% x 2 / 50%) = 3 instances (the CPU average is about 75%, so 3 or 4 with noise).
    QVERIFY2(ch.front()->to == 3 || ch.front()->to == 4, qPrintable(QString::number(ch.front()->to)));
    QVERIFY(QString::fromStdString(ch.front()->reason).contains("3/3 datapoints > 50"));
  }

  void awsStepScalingAppliesTheStepTheBreachFallsIn() {
    AwsPolicySpec step;
    step.type = AwsPolicySpec::Type::Step;
    step.metric = AwsPolicySpec::Metric::CpuUtilization;
    step.threshold = 60;
    step.comparison = AwsPolicySpec::Comparison::GreaterThan;
    step.evaluation_periods = 2;
    step.datapoints_to_alarm = 2;
    step.steps = {{0.0, 10.0, 1}, {10.0, std::nullopt, 3}};  // 60-70%: +1, above 70%: +3
    const RunResult r = runSimulation(awsGroup(step));
    const auto ch = changes(r, "api");
    QVERIFY(!ch.empty());
    QCOMPARE(ch.front()->time_s, 1020.0);  // datapoints at 960 and 1020 breach
    QCOMPARE(ch.front()->from, 2);
    QCOMPARE(ch.front()->to, 5);  // about 75% is 15 above the threshold: the +3 step
  }

  void awsScheduledActionRaisesCapacityAtItsTime() {
    AutoscalingSpec aws;
    aws.kind = AutoscalingSpec::Kind::Aws;
    aws.min_replicas = 1;
    aws.max_replicas = 10;
    aws.replica_startup_s = 0;
    AwsScheduledActionSpec morning;
    morning.name = "morning";
    morning.at_s = 600;
    morning.min_size = 4;
    aws.aws_scheduled_actions = {morning};
    Component api = test::station("api", 1, Distribution::exponential(0.01), 1);
    api.autoscaling = aws;
    Scenario s = test::singleStation(api, 10, 1200, 1);
    s.simulation.warmup_s = 0;
    s.simulation.window_s = 60;
    const RunResult r = runSimulation(s);
    const auto ch = changes(r, "api");
    QCOMPARE(static_cast<int>(ch.size()), 1);
    QCOMPARE(ch.front()->time_s, 600.0);
    QCOMPARE(ch.front()->to, 4);
    const auto* replicas = r.findSeries("api", "replicas");
    QCOMPARE(replicas->mean.front(), 1.0);
    QCOMPARE(replicas->mean.back(), 4.0);
  }

  void awsPredictiveScalingActsAheadOfTheDailyPeakFromTheSecondDay() {
    // A daily cycle (5 req/s x (1 + 0.8 cos), peak at 14:00) for three days; predictive scaling at 2.5 req/s per
    // instance. No forecast before 24 h of history; afterwards capacity for each hour is in place 300 s before
    // it, so the peak hour's 4 instances (ceil(9 / 2.5)) are requested before 14:00 on days 2 and 3.
    AwsPolicySpec predictive;
    predictive.type = AwsPolicySpec::Type::Predictive;
    predictive.target = 2.5;
    AutoscalingSpec aws;
    aws.kind = AutoscalingSpec::Kind::Aws;
    aws.min_replicas = 1;
    aws.max_replicas = 10;
    aws.replica_startup_s = 60;
    aws.aws_policies = {predictive};
    Component api = test::station("api", 4, Distribution::exponential(0.05), 1);
    api.autoscaling = aws;
    Scenario s;
    s.name = "predictive";
    s.components = {api};
    Source src = test::poisson("api", 5);
    src.rate.daily.enabled = true;
    src.rate.daily.amplitude = 0.8;
    src.rate.daily.peak_hour = 14;
    s.sources = {src};
    s.simulation.horizon_s = 3 * 86400;
    s.simulation.window_s = 3600;
    s.simulation.replications = 1;
    s.simulation.seed = 2;
    const RunResult r = runSimulation(s);
    const auto ch = changes(r, "api");
    QVERIFY(!ch.empty());
    QVERIFY2(ch.front()->time_s >= 86400, qPrintable(QString::number(ch.front()->time_s)));  // nothing on day 1
    QVERIFY(QString::fromStdString(ch.front()->reason).contains("predictive"));
    // On day 3 the peak hour (14:00-15:00) is covered by at least 4 instances requested before 14:00.
    const double peakStart = 2 * 86400 + 14 * 3600;
    int capacityAtPeak = 1;
    for (const auto* e : ch)
      if (e->time_s < peakStart) capacityAtPeak = e->to;
    QVERIFY2(capacityAtPeak >= 4, qPrintable(QString::number(capacityAtPeak)));
    // It never scales in by itself: the count only grows.
    for (const auto* e : ch) QVERIFY(e->to > e->from);
  }

  void addedLatencyFaultDelaysEveryVisitForItsDuration() {
    Component api = test::station("api", 1000, Distribution::deterministic(0.01));
    Scenario s = test::singleStation(api, 20, 600, 1);
    s.simulation.warmup_s = 0;
    s.simulation.window_s = 60;
    FaultSpec f;
    f.kind = FaultSpec::Kind::AddedLatency;
    f.component = "api";
    f.at_s = 120;
    f.duration_s = 240;
    f.latency_s = 0.2;
    s.faults = {f};
    const RunResult r = runSimulation(s);
    const auto* mean = r.findSeries("end_to_end", "response_mean_s");
    // Windows [0, 60) and [480, 540): 10 ms; windows inside [180, 360): 210 ms.
    QVERIFY(std::abs(mean->mean[0] - 0.010) < 1e-6);
    QVERIFY(std::abs(mean->mean[4] - 0.210) < 1e-6);
    QVERIFY(std::abs(mean->mean[8] - 0.010) < 1e-6);
  }

  void verticalResizeCostsARestartThenGivesBiggerReplicas() {
    // 2 replicas x 1 worker, 100 ms exponential, 15 req/s: 75% busy. At 300 s every replica restarts with 4
    // workers (Ready 30 s later): requests arriving during the restart are refused, then 8 workers serve 15/s.
    Component api = test::station("api", 1, Distribution::exponential(0.1), 2);
    Scenario s = test::singleStation(api, 15, 900, 2);
    s.simulation.warmup_s = 0;
    s.simulation.window_s = 30;
    FaultSpec resize;
    resize.kind = FaultSpec::Kind::Resize;
    resize.component = "api";
    resize.at_s = 300;
    resize.workers = 4;
    resize.restart_s = 30;
    s.faults = {resize};
    const RunResult r = runSimulation(s);
    const auto* util = r.findSeries("api", "utilization");
    const auto* errors = r.findSeries("end_to_end", "errors_per_s");
    const auto* replicas = r.findSeries("api", "replicas");
    QVERIFY(std::abs(util->mean[5] - 0.75) < 0.1);     // [150, 180): before
    QVERIFY(std::abs(errors->mean[10] - 15.0) < 2.0);  // [300, 330): the restart refuses the load
    QVERIFY(std::abs(util->mean[20] - 0.1875) < 0.04); // [600, 630): 15 x 0.1 / 8 workers
    QCOMPARE(errors->mean[20], 0.0);
    QCOMPARE(replicas->mean[20], 2.0);  // same count, bigger replicas
    bool logged = false;
    for (const auto& e : r.scaling_events) logged |= QString::fromStdString(e.reason).startsWith("vertical scaling");
    QVERIFY(logged);
  }

  void hpaOnMemoryAndOnAnObjectMetricSettleWhereTheirFormulasSay() {
    // 200 req/s x 0.5 s on replicas with plenty of workers: 100 requests present in total (Little). Memory in
    // use per replica = 0.25 GiB + 20 MiB per request present, request 1 GiB, target 50%: the HPA settles where
    // 0.25 + (100 / n) x 20 / 1024 is about 0.5 GiB, n = 7.8, i.e. 7 to 9 replicas with the 10% tolerance (the
    // working set is sampled at the scrape, so it is noisy; the 5-minute downscale window keeps the highest).
    Component api = test::station("api", 500, Distribution::exponential(0.5), 2);
    AutoscalingSpec memory;
    memory.min_replicas = 1;
    memory.max_replicas = 20;
    memory.metrics = {{HpaMetricTarget::Type::MemoryUtilization, 50.0}};
    memory.replica_startup_s = 10;
    api.autoscaling = memory;
    api.pod = PodResources{};
    api.pod->memory_gib = 1.0;
    api.pod->memory_base_gib = 0.25;
    api.pod->memory_per_request_mib = 20;
    Scenario s = test::singleStation(api, 200, 1800, 1);
    s.simulation.window_s = 60;
    const RunResult memoryRun = runSimulation(s);
    const auto* replicas = memoryRun.findSeries("api", "replicas");
    QVERIFY2(replicas->mean.back() >= 7 && replicas->mean.back() <= 9, qPrintable(QString::number(replicas->mean.back())));
    // Object metric: requests per second at the component, AverageValue 75 per replica: ceil(200 / 75) = 3.
    s.components[0].autoscaling->metrics = {{HpaMetricTarget::Type::ObjectRequestsPerSecond, 75.0}};
    const RunResult objectRun = runSimulation(s);
    const auto* objectReplicas = objectRun.findSeries("api", "replicas");
    QCOMPARE(objectReplicas->mean.back(), 3.0);
  }

  void clusterAutoscalerAddsNodesForPendingPodsAfterItsDelays() {
    // HPA wants 6 replicas of 1-core pods after a load step at 300 s; one 4-core node is Ready, so 2 new pods
    // fit and the rest stay Pending until the Cluster Autoscaler (scan every 10 s) adds a node that is Ready
    // 120 s later; then they start (20 s).
    Component api = test::station("api", 1, Distribution::exponential(0.1), 2);
    AutoscalingSpec hpa;
    hpa.min_replicas = 2;
    hpa.max_replicas = 6;
    hpa.metrics = {{HpaMetricTarget::Type::CpuUtilization, 50.0}};
    hpa.replica_startup_s = 20;
    api.autoscaling = hpa;
    api.pod = PodResources{};
    api.pod->cpu_request_cores = 1.0;
    Scenario s;
    s.name = "cluster";
    s.components = {api};
    s.sources = {stepSource("api", {{0, 8}, {300, 30}})};
    ClusterSpec cluster;
    NodePoolSpec pool;
    pool.name = "m5.xlarge";
    pool.cpu_cores = 4;
    pool.memory_gib = 16;
    pool.min_nodes = 1;
    pool.max_nodes = 3;
    pool.initial_nodes = 1;
    cluster.node_pools = {pool};
    cluster.provisioning_delay_s = 120;
    s.cluster = cluster;
    s.simulation.horizon_s = 900;
    s.simulation.window_s = 30;
    s.simulation.replications = 1;
    s.simulation.seed = 4;
    const RunResult r = runSimulation(s);
    const ScalingEventRecord* scaleUp = nullptr;
    for (const auto& e : r.scaling_events)
      if (e.component == "cluster" && QString::fromStdString(e.reason).contains("scale-up", Qt::CaseInsensitive)) {
        scaleUp = &e;
        break;
      }
    QVERIFY2(scaleUp, "the cluster autoscaler never added a node");
    QVERIFY(scaleUp->time_s > 300);
    const auto* replicas = r.findSeries("api", "replicas");
    // Before the new node is Ready (scale-up + 120 s) at most 4 pods run (one 4-core node); afterwards 6.
    const auto window = [&](double t) { return static_cast<std::size_t>(t / 30); };
    for (std::size_t w = window(300); w < window(scaleUp->time_s + 120); ++w) QVERIFY2(replicas->mean[w] <= 4.0 + 1e-9, qPrintable(QString::number(w)));
    QCOMPARE(replicas->mean.back(), 6.0);
  }

  void cpuLimitBelowTheWorkersThrottlesService() {
    // 4 workers but a 1-core limit: at 20 req/s x 50 ms (1 core of work) the replica is throttled whenever two
    // or more requests run at once, so the mean response exceeds the unthrottled 50 ms clearly.
    Component api = test::station("api", 4, Distribution::deterministic(0.05));
    Scenario s = test::singleStation(api, 12, 600, 2);
    const double unthrottled = runSimulation(s).component("api")->response.mean_s.mean;
    s.components[0].pod = PodResources{};
    s.components[0].pod->cpu_limit_cores = 1.0;
    const double throttled = runSimulation(s).component("api")->response.mean_s.mean;
    QVERIFY2(std::abs(unthrottled - 0.05) < 1e-3, qPrintable(QString::number(unthrottled)));  // 4 workers rarely queue
    QVERIFY2(throttled > 0.06, qPrintable(QString::number(throttled)));
  }

  void databaseFailoverFailsWritesThenShrinksTheReadPool() {
    Component db = test::station("db", 8, Distribution::exponential(0.005));
    db.database = DatabaseSpec{};
    db.database->write_classes = {"write"};
    db.database->read_replicas = 3;
    Scenario s;
    s.name = "failover";
    s.request_classes = {"read", "write"};
    Source src = test::poisson("db", 100);
    src.mix = {{"read", 0.8}, {"write", 0.2}};
    s.sources = {src};
    s.components = {db};
    s.simulation.horizon_s = 600;
    s.simulation.window_s = 30;
    s.simulation.replications = 1;
    s.simulation.seed = 3;
    FaultSpec f;
    f.kind = FaultSpec::Kind::DatabaseFailover;
    f.component = "db";
    f.at_s = 300;
    f.duration_s = 30;
    s.faults = {f};
    const RunResult r = runSimulation(s);
    const auto* writeErrors = r.findSeries("end_to_end", "errors_per_s");
    // Window [300, 330): every write fails (20/s); before and after, none.
    QVERIFY(std::abs(writeErrors->mean[10] - 20.0) < 4.0);
    QCOMPARE(writeErrors->mean[9], 0.0);
    QCOMPARE(writeErrors->mean[12], 0.0);
    const auto* pool = r.findSeries(databaseReplicasName("db", 0, 1), "replicas");
    QCOMPARE(pool->mean[5], 3.0);
    QCOMPARE(pool->mean.back(), 2.0);  // one replica became the primary
    QCOMPARE(r.findSeries(databasePrimaryName("db", 0, 1), "replicas")->mean.back(), 1.0);
  }
};

QTEST_GUILESS_MAIN(EventScalersTest)
#include "test_event_scalers.moc"
