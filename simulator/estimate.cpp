#include "simulator/estimate.h"

#include <cmath>

namespace headroom {

double studentT95(int dof) { return studentTQuantile(0.975, dof); }

double simultaneousWidening(int comparisons, int n) {
  if (comparisons <= 1 || n < 2) return 1.0;
  return studentTQuantile(1.0 - 0.025 / comparisons, n - 1) / studentT95(n - 1);
}

namespace {

// Continued fraction of the regularised incomplete beta function, evaluated by the modified Lentz method.
double betaContinuedFraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::abs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::abs(d) < tiny) d = tiny;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::abs(d) < tiny) d = tiny;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-14) break;
  }
  return h;
}

double regularizedIncompleteBeta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  // Use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where the continued fraction converges fastest.
  if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(logFront) * betaContinuedFraction(a, b, x) / a;
  return 1.0 - std::exp(logFront) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

}  // namespace

double studentTCdf(double t, int dof) {
  const double v = dof;
  const double tail = 0.5 * regularizedIncompleteBeta(0.5 * v, 0.5, v / (v + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, int dof) {
  if (!(p > 0.0 && p < 1.0) || dof <= 0) return std::nan("");
  double lo = -1e4, hi = 1e4;
  for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
    const double mid = 0.5 * (lo + hi);
    (studentTCdf(mid, dof) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Estimate estimateFromSamples(const std::vector<double>& samples) {
  Estimate e;
  double sum = 0.0;
  int n = 0;
  for (double x : samples)
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  e.n = n;
  if (n == 0) return e;
  e.mean = sum / n;
  if (n < 2) return e;
  double ss = 0.0;
  for (double x : samples)
    if (std::isfinite(x)) ss += (x - e.mean) * (x - e.mean);
  const double sd = std::sqrt(ss / (n - 1));
  e.half_width = studentT95(n - 1) * sd / std::sqrt(static_cast<double>(n));
  return e;
}

}  // namespace headroom
