#include "simulator/features/zipf_keys.h"

#include <cmath>
#include <stdexcept>

namespace headroom::features {

// Rejection-inversion (W. Hoermann, G. Derflinger, "Rejection-inversion to generate variates from monotone
// discrete distributions", ACM TOMACS 6(3), 1996). With h(x) = x^-s on [1, n] and its integral
// H(x) = (x^(1-s) - 1) / (1-s) (log x for s = 1), rank k (1-based) owns the interval [H(k+0.5) - h(k), H(k+0.5)]
// of length h(k) of the "integral axis". A uniform point u on [H(1.5) - h(1), H(n+0.5)] is mapped back by
// H^-1 and rounded to the nearest rank k; it is accepted when it falls into k's interval, which happens with
// high probability since h is convex. Everything is O(1): no tables, any n.

namespace {

// log(1 + x) / x, continuous at 0.
double log1pOverX(double x) {
  if (std::fabs(x) > 1e-8) return std::log1p(x) / x;
  return 1.0 - x * (0.5 - x / 3.0);
}

// (exp(x) - 1) / x, continuous at 0.
double expm1OverX(double x) {
  if (std::fabs(x) > 1e-8) return std::expm1(x) / x;
  return 1.0 + x * (0.5 + x / 6.0);
}

// Above this many keys the normaliser comes from Euler-Maclaurin instead of direct summation.
constexpr std::int64_t kDirectSumLimit = 10'000'000;
constexpr std::int64_t kEulerMaclaurinHead = 10'000;  // terms summed directly before the expansion

}  // namespace

namespace {
struct Zipf {
  double s;
  double h(double x) const { return std::exp(-s * std::log(x)); }
  double H(double x) const {
    const double lx = std::log(x);
    return expm1OverX((1.0 - s) * lx) * lx;
  }
  double Hinv(double y) const {
    double t = y * (1.0 - s);
    if (t < -1.0) t = -1.0;  // rounding only; the exact argument is > -1
    return std::exp(log1pOverX(t) * y);
  }
};

// Compensated (Neumaier) summation of k^-s for k = from .. to, smallest terms first.
double sumPowers(double s, std::int64_t from, std::int64_t to) {
  double sum = 0.0, c = 0.0;
  for (std::int64_t k = to; k >= from; --k) {
    const double term = std::exp(-s * std::log(static_cast<double>(k)));
    const double t = sum + term;
    if (std::fabs(sum) >= std::fabs(term))
      c += (sum - t) + term;
    else
      c += (term - t) + sum;
    sum = t;
  }
  return sum + c;
}
}  // namespace

ZipfKeys::ZipfKeys(std::int64_t keys, double exponent) : n_(keys), s_(exponent) {
  if (keys < 1) throw std::invalid_argument("Zipf keys: the number of keys must be at least 1");
  if (!(exponent >= 0.0) || !std::isfinite(exponent))
    throw std::invalid_argument("Zipf keys: the exponent must be a finite number >= 0");

  const Zipf z{s_};
  const double n = static_cast<double>(n_);
  h_x1_ = z.H(1.5) - 1.0;
  h_n_ = z.H(n + 0.5);
  s_const_ = 2.0 - z.Hinv(z.H(2.5) - z.h(2.0));

  if (s_ == 0.0) {
    norm_ = n;
  } else if (n_ <= kDirectSumLimit) {
    norm_ = sumPowers(s_, 1, n_);
  } else {
    // sum_{k=1}^{n} f(k) = sum_{k=1}^{M-1} f(k) + int_M^n f + (f(M) + f(n)) / 2
    //                      + B2/2! (f'(n) - f'(M)) + B4/4! (f'''(n) - f'''(M)) + ...,   f(x) = x^-s.
    // With M = 10^4 the next term is below 1e-30 of the sum.
    const double M = static_cast<double>(kEulerMaclaurinHead);
    const auto d1 = [&](double x) { return -s_ * z.h(x) / x; };  // f'
    const auto d3 = [&](double x) { return -s_ * (s_ + 1.0) * (s_ + 2.0) * z.h(x) / (x * x * x); };  // f'''
    norm_ = sumPowers(s_, 1, kEulerMaclaurinHead - 1) + (z.H(n) - z.H(M)) + 0.5 * (z.h(M) + z.h(n)) +
            (d1(n) - d1(M)) / 12.0 - (d3(n) - d3(M)) / 720.0;
  }
}

std::int64_t ZipfKeys::sample(RandomStream& rng) const {
  if (n_ == 1) return 0;
  if (s_ == 0.0) return static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n_)));
  const Zipf z{s_};
  for (;;) {
    const double u = h_n_ + rng.uniform() * (h_x1_ - h_n_);  // in (H(1.5) - 1, H(n + 0.5)]
    const double x = z.Hinv(u);
    double kd = std::floor(x + 0.5);
    if (kd < 1.0) kd = 1.0;
    if (kd > static_cast<double>(n_)) kd = static_cast<double>(n_);
    // Quick acceptance (the paper's squeeze: every rank accepts x >= k - s_const_), else the exact test.
    if (kd - x <= s_const_ || u >= z.H(kd + 0.5) - z.h(kd)) return static_cast<std::int64_t>(kd) - 1;
  }
}

double ZipfKeys::probability(std::int64_t key) const {
  if (key < 0 || key >= n_) return 0.0;
  if (s_ == 0.0) return 1.0 / norm_;
  return std::exp(-s_ * std::log(static_cast<double>(key + 1))) / norm_;
}

}  // namespace headroom::features
