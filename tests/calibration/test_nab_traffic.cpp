// Traffic fit on a real CloudWatch ELB request count (NAB corpus): only robust facts are asserted.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <sstream>

#include "simulator/calibration/traffic_fit.h"

using namespace headroom;

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil-days algorithm).
long long daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

// "timestamp,value" with "YYYY-MM-DD HH:MM:SS" UTC; a malformed line fails the test with its number.
bool readNabCsv(const std::string& path, TimeSeries& out, std::string& error) {
  std::ifstream in(path);
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (lineNo == 1) continue;
    int Y, M, D, h, m, s;
    double v;
    if (std::sscanf(line.c_str(), "%d-%d-%d %d:%d:%d,%lf", &Y, &M, &D, &h, &m, &s, &v) != 7) {
      error = path + ":" + std::to_string(lineNo) + ": cannot read '" + line + "'";
      return false;
    }
    out.time_s.push_back(static_cast<double>(daysFromCivil(Y, M, D) * 86400 + h * 3600 + m * 60 + s));
    out.value.push_back(v);
  }
  return true;
}

}  // namespace

class TestNabTraffic : public QObject {
  Q_OBJECT

 private slots:
  void elbRequestCountFits() {
    const std::string path =
        std::string(HEADROOM_SHARED_DIR) + "/data/cloudwatch_nab/realAWSCloudwatch/elb_request_count_8c0756.csv";
    if (!std::ifstream(path).good()) QSKIP(qPrintable(QString::fromStdString("NAB sample absent: " + path)));
    TimeSeries ts;
    ts.name = "elb_request_count";
    ts.unit = "count";  // requests per 5-minute CloudWatch period
    std::string error;
    QVERIFY2(readNabCsv(path, ts, error), error.c_str());
    QVERIFY(ts.size() > 1000);
    for (auto trend : {TrafficFitOptions::Trend::Compound, TrafficFitOptions::Trend::Linear}) {
      TrafficFitOptions o;
      o.trend = trend;
      const TrafficFit fit = fitTraffic(ts, o);
      QVERIFY(fit.points_used > 1000);
      // Informative only: real traffic has no "right" answer to assert.
      qInfo("%s trend: growth %.2f %%/month [%.2f, %.2f], R^2 %.3f, MAPE %.1f %%, RMSE %.3f req/s, %d points",
            trend == TrafficFitOptions::Trend::Compound ? "compound" : "linear", fit.growth_percent_per_month,
            fit.growth_percent_per_month_lower95, fit.growth_percent_per_month_upper95, fit.r_squared,
            fit.mape_percent, fit.rmse_per_s, fit.points_used);
      for (const auto& c : fit.coefficients) QVERIFY2(std::isfinite(c.value), c.name.c_str());
      QVERIFY(fit.r_squared >= 0.0 && fit.r_squared <= 1.0);
      QVERIFY(std::isfinite(fit.growth_percent_per_month));
      const TrafficForecast f = fit.forecast(fit.last_time_s + 7 * 86400.0);
      QVERIFY(std::isfinite(f.mean) && std::isfinite(f.lower95) && std::isfinite(f.upper95));
      QVERIFY(f.lower95 <= f.upper95);
      const RateCurve c = fit.toRateCurve();
      QVERIFY(std::isfinite(c.rateAt(3600.0)) && c.rateAt(3600.0) >= 0.0);
    }
  }
};

QTEST_APPLESS_MAIN(TestNabTraffic)
#include "test_nab_traffic.moc"
