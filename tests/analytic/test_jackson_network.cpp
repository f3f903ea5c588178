// Open Jackson networks: traffic equations solved by hand, per-station M/M/c values, instability.
#include <QtTest>

#include <cmath>

#include "simulator/analytic/jackson_network.h"
#include "simulator/analytic/markovian_queues.h"

using namespace headroom::analytic;

class TestJacksonNetwork : public QObject {
  Q_OBJECT
 private slots:
  void singleStationWithFeedback() {
    // gamma = 1, half the requests come back: lambda = 1 / (1 - 0.5) = 2.
    Eigen::VectorXd gamma(1);
    gamma << 1.0;
    Eigen::MatrixXd p(1, 1);
    p << 0.5;
    const JacksonResult r = solveOpenJackson({{"cpu", 1, 0.25}}, gamma, p);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.arrival_rate_per_s(0) - 2.0) < 1e-12);
    // M/M/1 with rho = 0.5: L = 1, per-visit W = L / lambda = 0.5, network response = L / gamma = 1.
    QVERIFY(std::abs(r.stations[0].mean_in_system - 1.0) < 1e-12);
    QVERIFY(std::abs(r.stations[0].response_mean_s - 0.5) < 1e-12);
    QVERIFY(std::abs(r.response_mean_s - 1.0) < 1e-12);
  }

  void threeStationsWithFeedbackSolvedByHand() {
    // web -> app (1.0); app -> db (0.6), app -> web (0.2), leaves 0.2; db -> app (1.0).
    // lambda_web = 10 + 0.2 lambda_app, lambda_app = lambda_web + lambda_db, lambda_db = 0.6 lambda_app
    // => lambda_app = lambda_web / 0.4 and lambda_web = 10 + 0.5 lambda_web => web 20, app 50, db 30.
    Eigen::VectorXd gamma(3);
    gamma << 10.0, 0.0, 0.0;
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
    p(0, 1) = 1.0;
    p(1, 2) = 0.6;
    p(1, 0) = 0.2;
    p(2, 1) = 1.0;
    const std::vector<JacksonStation> st = {{"web", 2, 0.05}, {"app", 4, 0.05}, {"db", 1, 0.02}};
    const JacksonResult r = solveOpenJackson(st, gamma, p);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.arrival_rate_per_s(0) - 20.0) < 1e-9);
    QVERIFY(std::abs(r.arrival_rate_per_s(1) - 50.0) < 1e-9);
    QVERIFY(std::abs(r.arrival_rate_per_s(2) - 30.0) < 1e-9);
    // each station is M/M/c with its own lambda
    const double l_web = mmc(20.0, 20.0, 2).mean_in_system;
    const double l_app = mmc(50.0, 20.0, 4).mean_in_system;
    const double l_db = 0.6 / 0.4;  // M/M/1 rho = 0.6
    QVERIFY(std::abs(r.stations[2].mean_in_system - l_db) < 1e-12);
    QVERIFY(std::abs(r.stations[2].utilization - 0.6) < 1e-12);
    QVERIFY(std::abs(r.mean_in_system - (l_web + l_app + l_db)) < 1e-9);
    QVERIFY(std::abs(r.response_mean_s - (l_web + l_app + l_db) / 10.0) < 1e-9);
    QVERIFY(std::abs(r.throughput_per_s - 10.0) < 1e-12);
  }

  void delayStationIsInfiniteServer() {
    Eigen::VectorXd gamma(2);
    gamma << 4.0, 0.0;
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
    p(0, 1) = 1.0;
    const JacksonResult r = solveOpenJackson({{"net", 0, 0.1}, {"svc", 1, 0.2}}, gamma, p);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.stations[0].mean_in_system - 0.4) < 1e-12);
    QVERIFY(std::abs(r.stations[0].response_mean_s - 0.1) < 1e-12);
    QVERIFY(std::abs(r.response_mean_s - (0.4 + 0.8 / 0.2) / 4.0) < 1e-12);
  }

  void unstableStationIsNamed() {
    Eigen::VectorXd gamma(2);
    gamma << 6.0, 0.0;
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
    p(0, 1) = 1.0;
    const JacksonResult r = solveOpenJackson({{"front", 2, 0.1}, {"db", 1, 0.2}}, gamma, p);
    QVERIFY(!r.ok);
    QCOMPARE(r.unstable.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(r.unstable[0]), QString("db"));
    QVERIFY(r.error.find("'db'") != std::string::npos);
  }

  void routingWithoutExitIsRejected() {
    Eigen::VectorXd gamma(2);
    gamma << 1.0, 0.0;
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
    p(0, 1) = 1.0;
    p(1, 0) = 1.0;
    QVERIFY(!solveTrafficEquations(gamma, p).has_value());
    QVERIFY(!solveOpenJackson({{"a", 1, 0.1}, {"b", 1, 0.1}}, gamma, p).ok);
  }
};

QTEST_APPLESS_MAIN(TestJacksonNetwork)
#include "test_jackson_network.moc"
