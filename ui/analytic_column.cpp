#include "ui/analytic_column.h"

#include <exception>

#ifdef HEADROOM_HAVE_ANALYTIC
#include "simulator/analytic/scenario_analysis.h"
#endif

namespace headroom {

struct AnalyticColumn::Impl {
#ifdef HEADROOM_HAVE_ANALYTIC
  AnalyticReport report;
#endif
  std::string reason;  // set when no KPI can be given at all
};

AnalyticColumn::AnalyticColumn(const Scenario& scenario) : impl_(std::make_unique<Impl>()) {
#ifdef HEADROOM_HAVE_ANALYTIC
  try {
    impl_->report = analyzeScenario(scenario);
    if (!impl_->report.applicable()) {
      std::string reasons;
      for (const std::string& r : impl_->report.not_applicable) reasons += (reasons.empty() ? "" : "; ") + r;
      impl_->reason = "not applicable: " + (reasons.empty() ? std::string("no exact model") : reasons);
    }
  } catch (const std::exception& e) {
    impl_->reason = std::string("analytic model failed: ") + e.what();
  }
#else
  (void)scenario;
  impl_->reason = "analytic models not built (headroom::analytic missing)";
#endif
}

AnalyticColumn::~AnalyticColumn() = default;

AnalyticCell AnalyticColumn::lookup(const std::string& entity, const std::string& kpi) const {
  AnalyticCell cell;
  if (!impl_->reason.empty()) {
    cell.reason = impl_->reason;
    return cell;
  }
#ifdef HEADROOM_HAVE_ANALYTIC
  if (const std::optional<double> value = impl_->report.find(entity, kpi)) {
    cell.available = true;
    cell.value = *value;
    return cell;
  }
  cell.reason = "no closed form for this KPI in " + impl_->report.model;
#else
  (void)entity;
  (void)kpi;
#endif
  return cell;
}

}  // namespace headroom
