#include "simulator/cost/money.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace headroom::cost {

MicroUsd toMicroUsd(double usd) { return static_cast<MicroUsd>(std::llround(usd * 1e6)); }

double toUsd(MicroUsd micros) { return static_cast<double>(micros) * 1e-6; }

std::int64_t toCents(MicroUsd micros) {
  const std::int64_t a = std::llabs(micros);
  const std::int64_t cents = (a + 5000) / 10000;
  return micros < 0 ? -cents : cents;
}

std::string formatUsd(double usd) {
  if (!std::isfinite(usd)) return "n/a";
  char buf[64];
  const double a = std::fabs(usd);
  if (a > 0 && a < 1.0) {
    std::snprintf(buf, sizeof buf, a < 0.01 ? "%s$%.6f" : "%s$%.4f", usd < 0 ? "-" : "", a);
    return buf;
  }
  const std::int64_t cents = toCents(toMicroUsd(a));
  const std::string digits = std::to_string(cents / 100);
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) whole.push_back(',');
    whole.push_back(digits[i]);
  }
  std::snprintf(buf, sizeof buf, "%s$%s.%02lld", usd < 0 ? "-" : "", whole.c_str(), static_cast<long long>(cents % 100));
  return buf;
}

}  // namespace headroom::cost
