#pragma once
// Numbers as people read them on screen: never in scientific notation (a 1e-14 spread is 0, a 12,345 ms
// service time is "12345"), about `significant` significant digits, trailing zeros dropped.
#include <algorithm>
#include <cmath>

#include <QString>

namespace headroom {

inline QString readableNumber(double v, int significant = 3) {
  if (!std::isfinite(v)) return QStringLiteral("–");
  if (std::abs(v) < 1e-9) return QStringLiteral("0");
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
  const int decimals = std::clamp(significant - 1 - magnitude, 0, 9);
  QString text = QString::number(v, 'f', decimals);
  if (text.contains(QLatin1Char('.'))) {
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(QLatin1Char('.'))) text.chop(1);
  }
  return text;
}

}  // namespace headroom
