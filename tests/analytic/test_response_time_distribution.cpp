// Response-time percentiles of M/M/1 and M/M/c FCFS.
#include <QtTest>

#include <cmath>

#include "simulator/analytic/markovian_queues.h"
#include "simulator/analytic/response_time_distribution.h"

using namespace headroom::analytic;

class TestResponseTimeDistribution : public QObject {
  Q_OBJECT
 private slots:
  void mm1QuantileIsExponential() {
    // T ~ Exp(mu - lambda) = Exp(0.5): median ln 2 / 0.5, p99 ln 100 / 0.5.
    QVERIFY(std::abs(mm1ResponseQuantile(0.5, 1.0, 0.5) - std::log(2.0) / 0.5) < 1e-12);
    QVERIFY(std::abs(mm1ResponseQuantile(0.5, 1.0, 0.99) - std::log(100.0) / 0.5) < 1e-12);
    QVERIFY(std::isnan(mm1ResponseQuantile(1.0, 1.0, 0.5)));
  }

  void mmcWithOneServerIsMm1() {
    for (double p : {0.5, 0.9, 0.99, 0.999}) {
      const double expected = -std::log(1.0 - p) / (1.0 - 0.7);
      QVERIFY(std::abs(mmcResponseQuantile(0.7, 1.0, 1, p) - expected) < 1e-9 * expected);
    }
    QVERIFY(std::abs(mmcResponseSurvival(0.7, 1.0, 1, 2.0) - std::exp(-0.3 * 2.0)) < 1e-12);
  }

  void survivalIntegratesToMeanResponse() {
    // E[T] = integral of P(T > t): an independent check of the whole closed form against Erlang C means.
    const double lambda = 3.2, mu = 1.0;
    const int c = 4;
    const double w = mmc(lambda, mu, c).response_mean_s;
    double integral = 0.0;
    const double h = 1e-3;
    for (double t = 0.0; t < 80.0; t += h)  // Simpson on [t, t + h]
      integral += h / 6.0 *
                  (mmcResponseSurvival(lambda, mu, c, t) + 4 * mmcResponseSurvival(lambda, mu, c, t + h / 2) +
                   mmcResponseSurvival(lambda, mu, c, t + h));
    QVERIFY2(std::abs(integral - w) < 1e-6, qPrintable(QString("%1 vs %2").arg(integral).arg(w)));
  }

  void equalRatesCaseUsesLimitForm() {
    // c mu - lambda == mu (c = 2, mu = 1, lambda = 1): E_theta + E_mu is Erlang(2, mu),
    // P(T > t) = (1 - C) e^{-t} + C (1 + t) e^{-t}.
    const double cw = erlangC(2, 1.0);
    for (double t : {0.1, 1.0, 3.0, 10.0}) {
      const double expected = (1 - cw) * std::exp(-t) + cw * (1 + t) * std::exp(-t);
      QVERIFY(std::abs(mmcResponseSurvival(1.0, 1.0, 2, t) - expected) < 1e-12);
    }
    // and continuity on both sides of the singular point
    const double at = mmcResponseQuantile(1.0, 1.0, 2, 0.99);
    QVERIFY(std::abs(mmcResponseQuantile(1.0 - 1e-9, 1.0, 2, 0.99) - at) < 1e-6);
    QVERIFY(std::abs(mmcResponseQuantile(1.0 + 1e-9, 1.0, 2, 0.99) - at) < 1e-6);
  }

  void quantileInvertsSurvival() {
    const double q = mmcResponseQuantile(9.5, 1.0, 10, 0.999);
    QVERIFY(std::abs(mmcResponseSurvival(9.5, 1.0, 10, q) - 0.001) < 1e-9);
  }

  void mmckHandComputedSurvival() {
    // M/M/2/3, lambda 2, mu 1: pi ~ 1, 2, 2, 2; admitted arrivals see 0, 1, 2 with 1/5, 2/5, 2/5.
    // Seeing 2 means Exp(2) + Exp(1), survival 2 e^-t - e^-2t; so P(T > t) = 7/5 e^-t - 2/5 e^-2t.
    for (double t : {0.2, 1.0, 4.0}) {
      const double expected = 1.4 * std::exp(-t) - 0.4 * std::exp(-2 * t);
      QVERIFY(std::abs(mmckResponseSurvival(2.0, 1.0, 2, 3, t) - expected) < 1e-12);
    }
  }

  void mmckWithoutQueueIsTheServiceTime() {
    // K = c: nobody admitted ever waits
    for (double p : {0.5, 0.99})
      QVERIFY(std::abs(mmckResponseQuantile(5.0, 1.0, 3, 3, p) + std::log(1.0 - p)) < 1e-9);
  }

  void mmckSurvivalIntegratesToMeanResponse() {
    const double lambda = 3.5, mu = 1.0;  // overloaded: fine with a finite queue
    const double w = mmck(lambda, mu, 3, 12).response_mean_s;
    double integral = 0.0;
    const double h = 1e-2;  // Simpson: error ~ h^4, far below the tolerance
    for (double t = 0.0; t < 40.0; t += h)
      integral += h / 6.0 *
                  (mmckResponseSurvival(lambda, mu, 3, 12, t) + 4 * mmckResponseSurvival(lambda, mu, 3, 12, t + h / 2) +
                   mmckResponseSurvival(lambda, mu, 3, 12, t + h));
    QVERIFY2(std::abs(integral - w) < 1e-6, qPrintable(QString("%1 vs %2").arg(integral).arg(w)));
  }

  void mmckApproachesMmcAsTheQueueGrows() {
    for (int c : {1, 3}) {
      const double lambda = 0.8 * c;
      for (double p : {0.5, 0.95, 0.999}) {
        const double finite = mmckResponseQuantile(lambda, 1.0, c, c + 400, p);
        const double infinite = mmcResponseQuantile(lambda, 1.0, c, p);
        QVERIFY2(std::abs(finite - infinite) < 1e-8 * infinite,
                 qPrintable(QString("c=%1 p=%2: %3 vs %4").arg(c).arg(p).arg(finite).arg(infinite)));
      }
    }
  }

  void heavyLoadManyServersStaysFinite() {
    const double q = mmcResponseQuantile(999.0, 1.0, 1000, 0.999);
    QVERIFY(std::isfinite(q));
    QVERIFY(q > 0.0);
  }
};

QTEST_APPLESS_MAIN(TestResponseTimeDistribution)
#include "test_response_time_distribution.moc"
