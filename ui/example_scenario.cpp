#include "ui/example_scenario.h"

namespace headroom {

Scenario exampleScenario(double db_utilization, double horizon_s) {
  constexpr double kRate_per_s = 100.0;
  Scenario s;
  s.name = "example: web shop";
  s.description = "Web traffic through an API that queries a database and a payment provider.";
  s.simulation.horizon_s = horizon_s;
  s.simulation.warmup_s = horizon_s / 10;
  s.simulation.replications = 3;
  s.simulation.seed = 42;

  Component api;
  api.name = "api";
  api.replicas = 2;
  api.workers_per_replica = 32;
  api.service_time = Distribution::exponential(0.004);
  Step callDb;
  callDb.kind = Step::Kind::Call;
  callDb.calls.push_back({"db", 0.0});
  Step branch;
  branch.kind = Step::Kind::Branch;
  BranchArm pay;
  pay.probability = 0.1;
  Step callPay;
  callPay.kind = Step::Kind::Call;
  callPay.calls.push_back({"payments", 0.0});
  pay.steps.push_back(callPay);
  branch.arms.push_back(pay);
  api.behaviour[kAnyClass].steps = {callDb, branch};

  Component db;
  db.name = "db";
  db.replicas = 1;
  db.workers_per_replica = 1;
  // One server: utilization = rate x mean service time.
  db.service_time = Distribution::exponential(db_utilization / kRate_per_s);

  Component payments;
  payments.name = "payments";
  payments.type = Component::Type::Delay;
  payments.service_time = Distribution::lognormal(0.120, 0.5);

  s.components = {api, db, payments};

  Source web;
  web.name = "web";
  web.entry = "api";
  web.rate = RateCurve::constant(kRate_per_s);
  s.sources = {web};
  return s;
}

}  // namespace headroom
