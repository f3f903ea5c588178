// Zipf key popularity: sampled frequencies match the exact probabilities (chi-square over rank bins) for
// several exponents and key counts, the normaliser is exact (direct sum and Euler-Maclaurin agree with closed
// forms), huge key spaces sample in O(1).
#include <QTest>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "simulator/features/zipf_keys.h"

using namespace headroom;
using namespace headroom::features;

namespace {
// Sum of k^-s for k = 1..n, compensated, smallest terms first: the reference normaliser.
double referenceSum(double s, std::int64_t n) {
  double sum = 0.0, c = 0.0;
  for (std::int64_t k = n; k >= 1; --k) {
    const double y = std::pow(static_cast<double>(k), -s) - c;
    const double t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}
}  // namespace

class TestZipfKeys : public QObject {
  Q_OBJECT

 private slots:
  void sampleFrequenciesMatchProbabilities_data() {
    QTest::addColumn<double>("exponent");
    QTest::addColumn<qlonglong>("keys");
    for (double s : {0.0, 0.8, 1.0, 1.2})
      for (qlonglong n : {10LL, 1000LL, 1000000LL})
        QTest::addRow("s=%g n=%lld", s, n) << s << n;
  }

  void sampleFrequenciesMatchProbabilities() {
    QFETCH(double, exponent);
    QFETCH(qlonglong, keys);
    const ZipfKeys zipf(keys, exponent);
    RandomStream rng(42, "zipf");
    const int draws = 200000;
    std::vector<int> count(static_cast<std::size_t>(keys), 0);
    for (int i = 0; i < draws; ++i) {
      const std::int64_t k = zipf.sample(rng);
      QVERIFY(k >= 0 && k < keys);
      ++count[static_cast<std::size_t>(k)];
    }
    // The most popular key: within 5 binomial standard deviations.
    const double p0 = zipf.probability(0);
    QVERIFY2(std::fabs(count[0] - draws * p0) <= 5 * std::sqrt(draws * p0 * (1 - p0)),
             qPrintable(QString("rank 0: %1 draws, expected %2").arg(count[0]).arg(draws * p0)));
    // Chi-square over consecutive rank bins of >= 100 expected draws each.
    double chi2 = 0, expected = 0, observed = 0;
    int bins = 0;
    for (qlonglong k = 0; k < keys; ++k) {
      expected += draws * zipf.probability(k);
      observed += count[static_cast<std::size_t>(k)];
      if (expected >= 100 || k == keys - 1) {
        chi2 += (observed - expected) * (observed - expected) / expected;
        ++bins;
        expected = observed = 0;
      }
    }
    const double df = bins - 1;
    const double limit = df + 4.5 * std::sqrt(2 * df);  // ~ the 1e-5 upper tail
    QVERIFY2(bins >= 2, "too few bins");
    QVERIFY2(chi2 <= limit, qPrintable(QString("chi2 %1 over %2 bins, limit %3").arg(chi2).arg(bins).arg(limit)));
  }

  void probabilitiesSumToOne() {
    for (double s : {0.0, 0.8, 1.0, 1.2}) {
      const ZipfKeys zipf(100000, s);
      double sum = 0;
      for (std::int64_t k = 0; k < zipf.keys(); ++k) sum += zipf.probability(k);
      QVERIFY2(std::fabs(sum - 1.0) < 1e-10, qPrintable(QString::number(sum - 1.0)));
      QVERIFY(zipf.probability(0) >= zipf.probability(1));
    }
    const ZipfKeys zipf(10, 1.0);
    QCOMPARE(zipf.probability(-1), 0.0);
    QCOMPARE(zipf.probability(10), 0.0);
    QVERIFY(std::fabs(zipf.probability(1) / zipf.probability(0) - 0.5) < 1e-15);
  }

  void exponentZeroIsUniform() {
    const ZipfKeys zipf(1000000000LL, 0.0);
    QCOMPARE(zipf.probability(0), 1e-9);
    QCOMPARE(zipf.probability(999999999LL), 1e-9);
  }

  void largeKeySpacesUseEulerMaclaurin() {
    // s = 1: the harmonic number H_n = ln n + gamma + 1/(2n) - 1/(12 n^2) + ...
    const double gamma = 0.57721566490153286061;
    const double n = 1e9;
    const ZipfKeys harmonic(1000000000LL, 1.0);
    const double h = std::log(n) + gamma + 1 / (2 * n) - 1 / (12 * n * n);
    QVERIFY(std::fabs(harmonic.probability(0) * h - 1.0) < 1e-13);
    // s = 2: pi^2/6 - 1/n + 1/(2 n^2) - ...
    const double pi = 3.14159265358979323846;
    const ZipfKeys basel(100000000LL, 2.0);
    const double z2 = pi * pi / 6 - 1e-8 + 0.5e-16;
    QVERIFY(std::fabs(basel.probability(0) * z2 - 1.0) < 1e-14);
    // Just above the direct-summation limit: agrees with a direct sum.
    const std::int64_t m = 10000001;
    const ZipfKeys above(m, 0.8);
    QVERIFY(std::fabs(above.probability(0) * referenceSum(0.8, m) - 1.0) < 1e-12);
  }

  void hugeKeySpacesSampleInConstantTime() {
    const std::int64_t n = 1000000000000LL;
    for (double s : {0.8, 1.0, 1.2}) {
      const ZipfKeys zipf(n, s);
      RandomStream rng(9, "huge");
      const int draws = 100000;
      int top = 0;
      for (int i = 0; i < draws; ++i) {
        const std::int64_t k = zipf.sample(rng);
        QVERIFY(k >= 0 && k < n);
        top += k == 0;
      }
      const double p0 = zipf.probability(0);
      QVERIFY2(std::fabs(top - draws * p0) <= 5 * std::sqrt(draws * p0 * (1 - p0)),
               qPrintable(QString("s=%1: %2 vs %3").arg(s).arg(top).arg(draws * p0)));
    }
  }

  void singleKeyAlwaysZero() {
    const ZipfKeys zipf(1, 1.5);
    RandomStream rng(1, "one");
    for (int i = 0; i < 100; ++i) QCOMPARE(zipf.sample(rng), std::int64_t{0});
    QCOMPARE(zipf.probability(0), 1.0);
  }

  void invalidArgumentsThrow() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZipfKeys(0, 1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZipfKeys(10, -0.1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZipfKeys(10, std::nan("")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZipfKeys(10, INFINITY));
  }
};

QTEST_GUILESS_MAIN(TestZipfKeys)
#include "tst_zipf_keys.moc"
