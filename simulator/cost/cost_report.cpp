#include "simulator/cost/cost_report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "simulator/cost/money.h"

namespace headroom::cost {

namespace {

using ojson = nlohmann::ordered_json;

ojson est(const Estimate& e) {
  ojson o;
  o["mean"] = std::isfinite(e.mean) ? ojson(e.mean) : ojson(nullptr);
  o["half_width"] = std::isfinite(e.half_width) ? ojson(e.half_width) : ojson(nullptr);
  o["n"] = e.n;
  return o;
}

std::string usdCi(const Estimate& e) {
  std::string s = formatUsd(e.mean);
  if (std::isfinite(e.half_width) && e.half_width >= 5e-5) s += " ± " + formatUsd(e.half_width);
  return s;
}

}  // namespace

ojson costToJson(const ScenarioCost& c) {
  ojson o;
  o["catalog_version"] = c.catalog_version;
  o["catalog_date"] = c.catalog_date;
  o["priced_on"] = c.priced_on;
  o["period_s"] = c.period_s;
  o["replications"] = c.replications;
  o["total_usd"] = est(c.total_usd);
  o["usd_per_hour"] = est(c.usd_per_hour);
  o["usd_per_month"] = est(c.usd_per_month);
  o["usd_per_1k_requests"] = est(c.usd_per_1k_requests);
  o["usd_per_1k_good"] = est(c.usd_per_1k_good);
  o["good_label"] = c.good_label;
  ojson comps = ojson::array();
  for (const auto& k : c.components) comps.push_back({{"component", k.component}, {"usd", est(k.usd)}, {"usd_per_hour", est(k.usd_per_hour)}});
  o["components"] = comps;
  ojson lines = ojson::array();
  for (const auto& l : c.lines)
    lines.push_back({{"component", l.component}, {"resource", l.resource}, {"sku", l.sku}, {"unit", l.unit},
                     {"quantity", est(l.quantity)}, {"usd", est(l.usd)}});
  o["lines"] = lines;
  ojson np = ojson::array();
  for (const auto& [name, why] : c.not_priced) np.push_back({{"component", name}, {"reason", why}});
  o["not_priced"] = np;
  o["warnings"] = c.warnings;
  return o;
}

std::string formatCost(const ScenarioCost& c) {
  std::ostringstream os;
  char buf[512];
  std::snprintf(buf, sizeof buf, "Cost (catalog %s, %s; %.0f s simulated, %d replication(s), mean ± 95%% CI)\n",
                c.catalog_version.c_str(), c.catalog_date.c_str(), c.period_s, c.replications);
  os << buf;
  std::snprintf(buf, sizeof buf, "  %-22s %-28s %-18s %16s %22s\n", "component", "resource", "sku", "quantity", "usd (period)");
  os << buf;
  for (const auto& l : c.lines) {
    char q[64];
    std::snprintf(q, sizeof q, "%.6g %s", l.quantity.mean, l.unit == "instance-hour" ? "h" : l.unit == "million requests" ? "M req" : l.unit.c_str());
    std::snprintf(buf, sizeof buf, "  %-22s %-28s %-18s %16s %22s\n", l.component.c_str(), l.resource.c_str(), l.sku.c_str(), q,
                  usdCi(l.usd).c_str());
    os << buf;
  }
  os << "  per component (per hour):\n";
  for (const auto& k : c.components) {
    std::snprintf(buf, sizeof buf, "    %-24s %22s\n", k.component.c_str(), usdCi(k.usd_per_hour).c_str());
    os << buf;
  }
  os << "  total per hour:               " << usdCi(c.usd_per_hour) << "\n";
  os << "  total per month (730 h):      " << usdCi(c.usd_per_month) << "\n";
  os << "  per 1,000 requests:           " << usdCi(c.usd_per_1k_requests) << "\n";
  os << "  per 1,000 " << c.good_label << ": " << usdCi(c.usd_per_1k_good) << "\n";
  for (const auto& [name, why] : c.not_priced) os << "  not priced: " << name << " (" << why << ")\n";
  for (const auto& w : c.warnings) os << "  warning: " << w << "\n";
  return os.str();
}

}  // namespace headroom::cost
