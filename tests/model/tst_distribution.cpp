// Distribution moments against closed forms derived independently of model/distribution.cpp: from the
// family's own parameters (lognormal mu/sigma, gamma shape/scale) or by integrating the histogram density.
#include <QTest>

#include <cmath>

#include "model/distribution.h"
#include "model/scenario_json.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

}  // namespace

class TestDistribution : public QObject {
  Q_OBJECT

 private slots:
  void exponential() {
    const auto d = Distribution::exponential(0.25);
    QCOMPARE(d.mean(), 0.25);
    QVERIFY(close(d.secondMoment(), 2 * 0.25 * 0.25));  // E[X^2] = 2/lambda^2
    QVERIFY(close(d.squaredCoefficientOfVariation(), 1.0));
    QVERIFY(d.isExponential());
  }

  void deterministic() {
    const auto d = Distribution::deterministic(0.03);
    QCOMPARE(d.mean(), 0.03);
    QVERIFY(close(d.secondMoment(), 0.0009));
    QVERIFY(std::abs(d.squaredCoefficientOfVariation()) < 1e-12);
  }

  void uniform() {
    const auto d = Distribution::uniform(1.0, 3.0);
    QCOMPARE(d.mean(), 2.0);
    // integral of x^2 / 2 over [1, 3] = (27 - 1) / 6
    QVERIFY(close(d.secondMoment(), 26.0 / 6.0));
    // variance (b - a)^2 / 12 = 1/3, scv = (1/3) / 4
    QVERIFY(close(d.squaredCoefficientOfVariation(), 1.0 / 12.0));
  }

  void lognormal() {
    const double mean = 0.08, cv = 1.5;
    const auto d = Distribution::lognormal(mean, cv);
    const double sigma2 = std::log(1 + cv * cv);
    const double mu = std::log(mean) - sigma2 / 2;
    QVERIFY(close(d.mean(), std::exp(mu + sigma2 / 2)));
    QVERIFY(close(d.secondMoment(), std::exp(2 * mu + 2 * sigma2)));
    QVERIFY(close(d.squaredCoefficientOfVariation(), cv * cv));
  }

  void gamma() {
    const double mean = 2.0, cv = 0.5;
    const auto d = Distribution::gamma(mean, cv);
    const double shape = 1 / (cv * cv), scale = mean * cv * cv;
    QVERIFY(close(d.mean(), shape * scale));
    QVERIFY(close(d.secondMoment(), shape * (shape + 1) * scale * scale));
  }

  // The histogram is uniform inside each bin: integrate its density numerically (midpoint rule).
  void histogram() {
    Distribution d;
    d.kind = Distribution::Kind::Histogram;
    d.min_s = 0.5;
    d.bins = {{1.0, 1.0}, {3.0, 3.0}, {3.5, 0.0}, {5.0, 2.0}};
    double lower = d.min_s, total = 0;
    for (const auto& b : d.bins) total += b.weight;
    double m1 = 0, m2 = 0;
    for (const auto& b : d.bins) {
      const int n = 200000;
      const double width = b.upper_s - lower, density = b.weight / total / width;
      for (int i = 0; i < n; ++i) {
        const double x = lower + (i + 0.5) * width / n;
        m1 += x * density * width / n;
        m2 += x * x * density * width / n;
      }
      lower = b.upper_s;
    }
    QVERIFY2(std::abs(d.mean() - m1) < 1e-9, qPrintable(QString("%1 vs %2").arg(d.mean()).arg(m1)));
    QVERIFY2(std::abs(d.secondMoment() - m2) < 1e-8, qPrintable(QString("%1 vs %2").arg(d.secondMoment()).arg(m2)));
  }

  // What the JSON says is what the moments see: units converted to seconds, each kind mapped.
  void jsonDistributionsConvertUnits() {
    const Scenario s = test::scenarioFrom(nlohmann::json::parse(test::kValidScenario));
    QCOMPARE(s.findComponent("api")->service_time.mean(), 0.02);
    QCOMPARE(s.findComponent("db")->service_time.kind, Distribution::Kind::Lognormal);
    QCOMPARE(s.findComponent("db")->service_time.cv, 1.5);
    QCOMPARE(s.findComponent("worker")->service_time.mean(), 0.02);  // uniform 10..30 ms
    const Distribution& h = s.findComponent("ext")->service_time;
    QCOMPARE(h.kind, Distribution::Kind::Histogram);
    QVERIFY(close(h.mean(), (1 * 0.005 + 3 * 0.030) / 4));
  }
};

QTEST_APPLESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
