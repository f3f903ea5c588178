#pragma once
// Helpers shared by the project-file tests: deterministic series and bit-exact comparison.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom::test {

// `count` points 15 s apart from a fixed epoch; every 97th value is a NaN gap, and `tag` changes every value
// so series from different writes are told apart.
inline TimeSeries makeSeries(const std::string& name, std::size_t count, double tag) {
  TimeSeries s;
  s.name = name;
  s.labels = {{"job", "api"}, {"instance", "10.0.0." + std::to_string(static_cast<int>(tag) % 250)}};
  s.unit = "1/s";
  s.time_s.resize(count);
  s.value.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    s.time_s[i] = 1.7e9 + 15.0 * static_cast<double>(i);
    s.value[i] = i % 97 == 5 ? std::numeric_limits<double>::quiet_NaN()
                             : tag * 1e6 + static_cast<double>(i) / 7.0;
  }
  return s;
}

// Bitwise: NaN equals NaN of the same payload, 0.0 differs from -0.0.
inline bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

inline bool sameSeries(const TimeSeries& a, const TimeSeries& b) {
  return a.name == b.name && a.labels == b.labels && a.unit == b.unit && sameBits(a.time_s, b.time_s) &&
         sameBits(a.value, b.value);
}

}  // namespace headroom::test
