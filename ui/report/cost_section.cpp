#include "ui/report/cost_section.h"

#include <cmath>

#include "ui/report/report_content.h"

namespace headroom::report {
namespace {

constexpr double kHoursPerMonth = 730.0;  // the cost engine's month (docs/cost.md)

std::string usdWithCi(const Estimate& e, const char* format) {
  std::string s = formatNumber(format, e.mean);
  if (std::isfinite(e.half_width)) s += " ± " + formatNumber("%.2f", e.half_width);
  return s;
}

}  // namespace

ExtraSection costSection(const cost::ScenarioCost& c) {
  ExtraSection x;
  x.title = "Cost";
  const std::string month = usdWithCi(c.usd_per_month, "$%.2f");
  const std::string per1k = usdWithCi(c.usd_per_1k_requests, "$%.4f");
  x.headline = {month + " per month at the simulated load; " + per1k + " per 1,000 requests"};
  x.paragraphs.push_back("Priced from the run's usage (instances per second as the autoscalers changed them, requests, "
                         "data) with catalog " + c.catalog_version + " of " + c.catalog_date + ", judged on " + c.priced_on +
                         "; a month is 730 h at the simulated hourly rate. ± is the 95% CI across " + std::to_string(c.replications) +
                         " replications. Per 1,000 " + c.good_label + ": " + usdWithCi(c.usd_per_1k_good, "$%.4f") + ".");
  x.columns = {"component", "USD per hour", "USD per month"};
  for (const cost::ComponentCost& cc : c.components) {
    Estimate month_usd = cc.usd_per_hour;
    month_usd.mean *= kHoursPerMonth;
    month_usd.half_width *= kHoursPerMonth;
    x.rows.push_back({cc.component, usdWithCi(cc.usd_per_hour, "$%.4f"), usdWithCi(month_usd, "$%.2f")});
  }
  x.rows.push_back({"total", usdWithCi(c.usd_per_hour, "$%.4f"), month});
  for (const auto& [component, why] : c.not_priced) x.paragraphs.push_back("Not priced: " + component + " — " + why + ".");
  for (const std::string& w : c.warnings) x.paragraphs.push_back("Warning: " + w);
  return x;
}

}  // namespace headroom::report
