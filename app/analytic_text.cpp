#include "app/analytic_text.h"

#include <cstdio>
#include <sstream>

namespace headroom::cli {

std::string formatAnalyticReport(const AnalyticReport& r) {
  std::ostringstream out;
  if (!r.applicable()) {
    out << "No exact analytic model applies to this scenario:\n";
    for (const auto& reason : r.not_applicable) out << "  - " << reason << "\n";
  } else {
    out << "Analytic model: " << r.model << "\n";
    for (const auto& m : r.entity_models) out << "  " << m.entity << ": " << m.model << "\n";
    out << "\n";
    std::size_t w = 6;
    for (const auto& k : r.kpis) w = std::max(w, k.entity.size());
    for (const auto& k : r.kpis) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", k.value);
      out << "  " << k.entity << std::string(w - k.entity.size() + 2, ' ') << k.kpi
          << std::string(k.kpi.size() < 22 ? 22 - k.kpi.size() : 1, ' ') << buf << "\n";
    }
  }
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  return out.str();
}

}  // namespace headroom::cli
