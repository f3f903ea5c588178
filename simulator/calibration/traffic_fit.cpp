#include "simulator/calibration/traffic_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "model/units.h"
#include "simulator/calibration/series_points.h"
#include "simulator/estimate.h"

namespace headroom {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kDaysPerMonth = kSecondsPerMonth / kSecondsPerDay;

double localDays(double unix_s, double offset_h) { return (unix_s + offset_h * 3600.0) / kSecondsPerDay; }

// Fraction of the week since Monday 00:00; 1970-01-01 was a Thursday, 3 days after a Monday.
double weekFraction(double unix_s, double offset_h) {
  const double d = std::fmod(localDays(unix_s, offset_h) + 3.0, 7.0);
  return (d < 0 ? d + 7.0 : d) / 7.0;
}

double dayFraction(double unix_s, double offset_h) {
  const double d = localDays(unix_s, offset_h);
  return d - std::floor(d);
}

std::string toStr(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

}  // namespace

int weekdayOf(double unix_s, double utc_offset_hours) {
  return static_cast<int>(std::floor(weekFraction(unix_s, utc_offset_hours) * 7.0 + 1e-9)) % 7;
}

double hourOf(double unix_s, double utc_offset_hours) { return dayFraction(unix_s, utc_offset_hours) * 24.0; }

std::vector<double> TrafficFit::designRow(double t_s) const {
  std::vector<double> x;
  x.reserve(2 + 2 * static_cast<std::size_t>(daily_harmonics + weekly_harmonics));
  x.push_back(1.0);
  x.push_back((t_s - first_time_s) / kSecondsPerDay);
  const double tod = dayFraction(t_s, options.utc_offset_hours);
  for (int k = 1; k <= daily_harmonics; ++k) {
    x.push_back(std::sin(kTwoPi * k * tod));
    x.push_back(std::cos(kTwoPi * k * tod));
  }
  const double tow = weekFraction(t_s, options.utc_offset_hours);
  for (int k = 1; k <= weekly_harmonics; ++k) {
    x.push_back(std::sin(kTwoPi * k * tow));
    x.push_back(std::cos(kTwoPi * k * tow));
  }
  return x;
}

double TrafficFit::linearPredictor(double t_s) const {
  const auto x = designRow(t_s);
  double mu = 0.0;
  for (std::size_t i = 0; i < x.size() && i < beta.size(); ++i) mu += x[i] * beta[i];
  return mu;
}

double TrafficFit::fittedAt(double t_s) const {
  const double mu = linearPredictor(t_s);
  return options.trend == TrafficFitOptions::Trend::Compound ? std::exp(mu) : std::max(0.0, mu);
}

TrafficForecast TrafficFit::forecast(double t_s) const {
  const auto x = designRow(t_s);
  const std::size_t p = beta.size();
  double mu = 0.0, paramVar = 0.0;
  for (std::size_t i = 0; i < p; ++i) {
    mu += x[i] * beta[i];
    for (std::size_t j = 0; j < p; ++j) paramVar += x[i] * covariance[i * p + j] * x[j];
  }
  const double predVar = residual_std * residual_std + std::max(0.0, paramVar);
  const double half = studentT95(std::max(1, dof)) * std::sqrt(predVar);
  TrafficForecast f;
  if (options.trend == TrafficFitOptions::Trend::Compound) {
    f.mean = std::exp(mu + predVar / 2.0);
    f.lower95 = std::exp(mu - half);
    f.upper95 = std::exp(mu + half);
  } else {
    // A rate cannot be negative: the band is clipped at 0 (documented in docs/calibration.md).
    f.mean = std::max(0.0, mu);
    f.lower95 = std::max(0.0, mu - half);
    f.upper95 = std::max(0.0, mu + half);
  }
  return f;
}

RateCurve TrafficFit::toRateCurve(double start_time_s) const {
  if (!std::isfinite(start_time_s)) start_time_s = first_time_s;
  const bool compound = options.trend == TrafficFitOptions::Trend::Compound;
  const double tStartDays = (start_time_s - first_time_s) / kSecondsPerDay;
  // Linear: additive seasonal terms become factors relative to the mean trend level of the fitted window.
  const double midDays = (last_time_s - first_time_s) / kSecondsPerDay / 2.0;
  const double level = beta[0] + beta[1] * midDays;
  auto toFactor = [&](double seasonal) {
    if (compound) return std::exp(seasonal);
    return level > 0 ? std::max(0.0, 1.0 + seasonal / level) : 1.0;
  };
  auto dailyPart = [&](double tod) {
    double s = 0.0;
    for (int k = 1; k <= daily_harmonics; ++k)
      s += beta[2 * k] * std::sin(kTwoPi * k * tod) + beta[2 * k + 1] * std::cos(kTwoPi * k * tod);
    return s;
  };
  const std::size_t w0 = 2 + 2 * static_cast<std::size_t>(daily_harmonics);
  auto weeklyPart = [&](double tow) {
    double s = 0.0;
    for (int k = 1; k <= weekly_harmonics; ++k)
      s += beta[w0 + 2 * (k - 1)] * std::sin(kTwoPi * k * tow) + beta[w0 + 2 * (k - 1) + 1] * std::cos(kTwoPi * k * tow);
    return s;
  };

  RateCurve c;
  double scale = 1.0;  // mean of the seasonal factors, moved into the base so the factors average 1
  if (daily_harmonics > 0) {
    c.daily.enabled = true;
    c.daily.hourly_factors.resize(24);
    double sum = 0.0;
    for (int h = 0; h < 24; ++h) sum += c.daily.hourly_factors[h] = toFactor(dailyPart((h + 0.5) / 24.0));
    const double mean = sum / 24.0;
    if (mean > 0) {
      for (double& f : c.daily.hourly_factors) f /= mean;
      scale *= mean;
    }
  }
  if (weekly_harmonics > 0) {
    c.weekly.enabled = true;
    c.weekly.daily_factors.resize(7);
    double sum = 0.0;
    for (int d = 0; d < 7; ++d) {
      double dayMean = 0.0;
      for (int h = 0; h < 24; ++h) dayMean += toFactor(weeklyPart((d + (h + 0.5) / 24.0) / 7.0));
      sum += c.weekly.daily_factors[d] = dayMean / 24.0;
    }
    const double mean = sum / 7.0;
    if (mean > 0) {
      for (double& f : c.weekly.daily_factors) f /= mean;
      scale *= mean;
    }
  }
  if (compound) {
    c.kind = RateCurve::Kind::Compound;
    const double smear = residual_std * residual_std / 2.0;  // lognormal mean, not median
    c.rate_per_s = std::exp(beta[0] + beta[1] * tStartDays + smear) * scale;
    c.growth_percent = growth_percent_per_month;
    c.growth_period_s = kSecondsPerMonth;
  } else {
    c.kind = RateCurve::Kind::Linear;
    c.rate_per_s = std::max(0.0, beta[0] + beta[1] * tStartDays) * scale;
    c.slope_per_s_per_day = beta[1] * scale;
  }
  c.start_hour = hourOf(start_time_s, options.utc_offset_hours);
  if (c.start_hour >= 24.0) c.start_hour = 0.0;
  c.start_weekday = weekdayOf(start_time_s, options.utc_offset_hours);
  return c;
}

TrafficFit fitTraffic(const TimeSeries& series, const TrafficFitOptions& options) {
  TrafficFit fit;
  fit.options = options;
  std::string unitNote;
  const TimeSeries rate = calibration::toRatePerSecond(series, options.count_interval_s, &unitNote);
  if (!unitNote.empty()) fit.notes.push_back(unitNote);
  const bool compound = options.trend == TrafficFitOptions::Trend::Compound;

  int gaps = 0;
  auto pts = calibration::finitePoints(rate, &gaps);
  int nonPositive = 0;
  if (compound) {
    const auto before = pts.size();
    std::erase_if(pts, [](const calibration::Point& p) { return !(p.v > 0); });
    nonPositive = static_cast<int>(before - pts.size());
    if (nonPositive > 0)
      fit.notes.push_back(std::to_string(nonPositive) +
                          " non-positive rates skipped (a compound fit works on log(rate)); if many, use the "
                          "linear trend");
  }
  if (gaps > 0) fit.notes.push_back(std::to_string(gaps) + " gaps (missing values) skipped");
  fit.points_skipped = gaps + nonPositive;
  if (pts.size() < 3)
    throw std::invalid_argument("series " + calibration::describe(series) + ": only " + std::to_string(pts.size()) +
                                " usable points; a traffic fit needs at least 3");

  fit.first_time_s = pts.front().t_s;
  fit.last_time_s = pts.back().t_s;
  const double span_s = fit.last_time_s - fit.first_time_s;
  std::vector<double> steps;
  for (std::size_t i = 1; i < pts.size(); ++i) steps.push_back(pts[i].t_s - pts[i - 1].t_s);
  std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2), steps.end());
  const double step_s = steps[steps.size() / 2];

  // Seasonality is only identifiable from at least two full cycles, and harmonic k of a period P needs
  // samples closer than P / (2k) (Nyquist).
  auto limitHarmonics = [&](int wanted, double period_s, const char* what, const char* minSpan) {
    int k = std::max(0, wanted);
    if (k > 0 && span_s < 2.0 * period_s) {
      fit.notes.push_back(std::string(what) + " seasonality skipped: the series spans " + toStr(span_s / 86400.0) +
                          " days, less than " + minSpan);
      return 0;
    }
    const int nyquist = static_cast<int>(std::ceil(period_s / (2.0 * step_s))) - 1;
    if (k > nyquist) {
      fit.notes.push_back(std::string(what) + " harmonics reduced from " + std::to_string(k) + " to " +
                          std::to_string(std::max(0, nyquist)) + ": samples every " + toStr(step_s) +
                          " s cannot resolve more");
      k = std::max(0, nyquist);
    }
    return k;
  };
  fit.daily_harmonics = limitHarmonics(options.daily_harmonics, kSecondsPerDay, "daily", "2 days");
  fit.weekly_harmonics = limitHarmonics(options.weekly_harmonics, kSecondsPerWeek, "weekly", "2 weeks");
  // Keep at least 2 residual degrees of freedom: drop weekly terms first, then daily ones.
  auto params = [&] { return 2 + 2 * (fit.daily_harmonics + fit.weekly_harmonics); };
  while (static_cast<int>(pts.size()) < params() + 2 && (fit.weekly_harmonics > 0 || fit.daily_harmonics > 0)) {
    if (fit.weekly_harmonics > 0) --fit.weekly_harmonics;
    else --fit.daily_harmonics;
    fit.notes.push_back("seasonal harmonics reduced: too few points (" + std::to_string(pts.size()) +
                        ") for the parameters");
  }

  const int n = static_cast<int>(pts.size());
  const int p = params();
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    const auto row = fit.designRow(pts[static_cast<std::size_t>(i)].t_s);
    for (int j = 0; j < p; ++j) X(i, j) = row[static_cast<std::size_t>(j)];
    const double v = pts[static_cast<std::size_t>(i)].v;
    y(i) = compound ? std::log(v) : v;
  }
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  if (qr.rank() < p)
    fit.notes.push_back("design matrix is rank deficient (rank " + std::to_string(qr.rank()) + " of " +
                        std::to_string(p) + "): the sampling does not separate every seasonal term");
  const Eigen::VectorXd b = qr.solve(y);
  const Eigen::VectorXd fitted = X * b;
  const Eigen::VectorXd resid = y - fitted;
  const double rss = resid.squaredNorm();
  const double tss = (y.array() - y.mean()).square().sum();
  fit.points_used = n;
  fit.dof = n - p;
  fit.r_squared = tss > 0 ? std::clamp(1.0 - rss / tss, 0.0, 1.0) : 1.0;
  fit.residual_std = fit.dof > 0 ? std::sqrt(rss / fit.dof) : 0.0;

  // sigma^2 (X'X)^-1 through the QR factor: X P = Q R, so (X'X)^-1 = P R^-1 R^-T P'.
  const Eigen::MatrixXd R = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd Rinv = R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  const Eigen::MatrixXd inner = Rinv * Rinv.transpose();
  const Eigen::MatrixXd cov = qr.colsPermutation() * inner * qr.colsPermutation().transpose() *
                              (fit.residual_std * fit.residual_std);
  fit.beta.assign(b.data(), b.data() + p);
  fit.covariance.resize(static_cast<std::size_t>(p * p));
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < p; ++j) fit.covariance[static_cast<std::size_t>(i * p + j)] = cov(i, j);

  auto se = [&](int j) { return std::sqrt(std::max(0.0, cov(j, j))); };
  fit.coefficients.push_back({"intercept", b(0), se(0)});
  fit.coefficients.push_back({"trend_per_day", b(1), se(1)});
  int j = 2;
  for (int k = 1; k <= fit.daily_harmonics; ++k, j += 2) {
    fit.coefficients.push_back({"daily_sin_" + std::to_string(k), b(j), se(j)});
    fit.coefficients.push_back({"daily_cos_" + std::to_string(k), b(j + 1), se(j + 1)});
  }
  for (int k = 1; k <= fit.weekly_harmonics; ++k, j += 2) {
    fit.coefficients.push_back({"weekly_sin_" + std::to_string(k), b(j), se(j)});
    fit.coefficients.push_back({"weekly_cos_" + std::to_string(k), b(j + 1), se(j + 1)});
  }

  const double tq = studentT95(std::max(1, fit.dof));
  if (compound) {
    auto g = [](double slope) { return (std::exp(slope * kDaysPerMonth) - 1.0) * 100.0; };
    fit.growth_percent_per_month = g(b(1));
    fit.growth_percent_per_month_lower95 = g(b(1) - tq * se(1));
    fit.growth_percent_per_month_upper95 = g(b(1) + tq * se(1));
  } else {
    fit.slope_per_s_per_day = b(1);
    const double level = b(0) + b(1) * span_s / kSecondsPerDay / 2.0;
    auto g = [&](double slope) { return level > 0 ? slope * kDaysPerMonth / level * 100.0 : 0.0; };
    fit.growth_percent_per_month = g(b(1));
    fit.growth_percent_per_month_lower95 = g(b(1) - tq * se(1));
    fit.growth_percent_per_month_upper95 = g(b(1) + tq * se(1));
    if (!(level > 0)) fit.notes.push_back("mean fitted level is not positive: growth % is undefined, reported as 0");
  }

  double sq = 0.0, ape = 0.0;
  int apeCount = 0;
  for (int i = 0; i < n; ++i) {
    const double obs = pts[static_cast<std::size_t>(i)].v;
    const double est = compound ? std::exp(fitted(i)) : fitted(i);
    sq += (est - obs) * (est - obs);
    if (obs > 0) {
      ape += std::abs(est - obs) / obs;
      ++apeCount;
    }
  }
  fit.rmse_per_s = std::sqrt(sq / n);
  fit.mape_percent = apeCount > 0 ? 100.0 * ape / apeCount : 0.0;
  if (fit.dof < 10) fit.notes.push_back("only " + std::to_string(fit.dof) + " residual degrees of freedom: the band is wide");
  return fit;
}

}  // namespace headroom
