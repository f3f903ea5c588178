// Percentiles from the bounded-memory histogram stay within 1% of the exact sample quantiles.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

#include "simulator/latency_histogram.h"
#include "simulator/random_stream.h"
#include "simulator/sampler.h"

using namespace headroom;

class LatencyHistogramTest : public QObject {
  Q_OBJECT
 private slots:
  void quantilesWithinOnePercentOfExact_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("exponential 20 ms") << 0;
    QTest::newRow("lognormal 5 ms cv 3") << 1;
    QTest::newRow("uniform 1 us - 10 s") << 2;
  }
  void quantilesWithinOnePercentOfExact() {
    QFETCH(int, kind);
    const Distribution d = kind == 0   ? Distribution::exponential(0.02)
                           : kind == 1 ? Distribution::lognormal(0.005, 3.0)
                                       : Distribution::uniform(1e-6, 10.0);
    Sampler sampler(d);
    RandomStream rng(42, "histogram-test");
    LatencyHistogram h;
    std::vector<SimTime> exact;
    for (int i = 0; i < 200000; ++i) {
      const SimTime v = sampler.sample(rng);
      exact.push_back(v);
      h.record(v);
    }
    std::sort(exact.begin(), exact.end());
    for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
      const auto rank = static_cast<std::size_t>(std::ceil(q * exact.size())) - 1;
      const double truth = simTimeToSeconds(exact[rank]);
      const double got = h.quantileSeconds(q);
      QVERIFY2(std::abs(got - truth) <= 0.01 * truth,
               qPrintable(QString("q=%1 exact %2 histogram %3").arg(q).arg(truth).arg(got)));
    }
  }

  void bucketsAreContiguousAndOrdered() {
    for (int i = 1; i < LatencyHistogram::kBucketCount - 1; ++i)
      QCOMPARE(LatencyHistogram::bucketLowerNs(i), LatencyHistogram::bucketLowerNs(i - 1) + LatencyHistogram::bucketWidthNs(i - 1));
    for (SimTime v : {SimTime{0}, SimTime{1}, SimTime{255}, SimTime{256}, SimTime{123456789}, SimTime{1} << 49}) {
      const int b = LatencyHistogram::bucketIndex(v);
      QVERIFY(static_cast<double>(v) >= LatencyHistogram::bucketLowerNs(b));
      QVERIFY(static_cast<double>(v) < LatencyHistogram::bucketLowerNs(b) + LatencyHistogram::bucketWidthNs(b));
    }
  }

  void emptyHistogramHasNoQuantile() {
    LatencyHistogram h;
    QVERIFY(std::isnan(h.quantileSeconds(0.5)));
  }
};

QTEST_APPLESS_MAIN(LatencyHistogramTest)
#include "test_latency_histogram.moc"
