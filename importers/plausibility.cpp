#include "importers/plausibility.h"

#include <cmath>
#include <map>

#include "importers/series_builder.h"

namespace headroom {

std::string validUtf8(const std::string& text, bool& changed) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) len = 1, cp = c;
    else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points above U+10FFFF are invalid too.
    if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
               (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF))
      ok = false;
    if (ok) {
      out.append(text, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      changed = true;
      ++i;
    }
  }
  return out;
}

void checkPlausibility(ImportResult& result, bool infinity_is_a_value) {
  for (TimeSeries& s : result.series) {
    bool textChanged = false;
    s.name = validUtf8(s.name, textChanged);
    s.unit = validUtf8(s.unit, textChanged);
    if (!textChanged) {
      for (const auto& [k, v] : s.labels) {
        validUtf8(k, textChanged);
        validUtf8(v, textChanged);
      }
    }
    if (textChanged) {
      std::map<std::string, std::string> labels;
      bool ignored = false;
      for (const auto& [k, v] : s.labels) labels[validUtf8(k, ignored)] = validUtf8(v, ignored);
      s.labels = std::move(labels);
    }
    std::size_t early = 0, late = 0, absurd = 0;
    double firstEarly = 0, firstLate = 0, firstAbsurd = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double t = s.time_s[i];
      if (t < 0 && !early++) firstEarly = t;
      if (t > kLatestPlausibleUnixS && !late++) firstLate = t;
      double& v = s.value[i];
      if (!std::isnan(v) && !(std::abs(v) <= kLargestPlausibleValue) && !(infinity_is_a_value && std::isinf(v))) {
        if (!absurd++) firstAbsurd = v;
        v = std::nan("");
      }
    }
    const std::string key = seriesKey(s.name, s.labels);
    auto warn = [&](const std::string& detail) { result.warnings.push_back({WarningKind::Implausible, 0, key + ": " + detail}); };
    if (textChanged) warn("name, unit or labels are not valid UTF-8; invalid bytes replaced by U+FFFD");
    if (early) warn(std::to_string(early) + " point(s) dated before 1970 (first at Unix time " + std::to_string(firstEarly) +
                    " s): check the time column and its unit");
    if (late) warn(std::to_string(late) + " point(s) dated after 2100 (first at Unix time " + std::to_string(firstLate) +
                   " s): check the time column and its unit");
    if (absurd) warn(std::to_string(absurd) + " infinite or absurd value(s) (first " + std::to_string(firstAbsurd) +
                     ", limit +-1e30) kept as gaps (NaN)");
  }
}

}  // namespace headroom
