// The look-ups and the cancellation poll shared by the checks of one validation (validation_detail.h).
#include <algorithm>

#include "model/validation_detail.h"

namespace headroom::validation_detail {

ScenarioIndex::ScenarioIndex(const Scenario& sc) : classes_(sc.allRequestClasses()) {
  components_.reserve(sc.components.size());
  for (std::size_t i = 0; i < sc.components.size(); ++i) components_.emplace(sc.components[i].name, static_cast<int>(i));
  classSet_.insert(classes_.begin(), classes_.end());
  declared_.insert(sc.request_classes.begin(), sc.request_classes.end());
  for (const Component& c : sc.components)
    for (const auto& entry : c.behaviour)
      if (entry.first != kAnyClass) ownBehaviour_.insert(entry.first);
  for (const Source& s : sc.sources) {
    const int e = component(s.entry);
    if (e < 0) continue;
    allEntries_.push_back(e);
    // A class listed twice in one mix (an error reported elsewhere) still enters once for that source.
    std::vector<std::string> own = classesOf(s);
    std::sort(own.begin(), own.end());
    own.erase(std::unique(own.begin(), own.end()), own.end());
    for (const std::string& cls : own) entries_[cls].push_back(e);
  }
}

int ScenarioIndex::component(const std::string& name) const {
  const auto it = components_.find(name);
  return it == components_.end() ? -1 : it->second;
}

const std::vector<int>& ScenarioIndex::entriesOf(const std::string& cls) const {
  if (cls == kAnyClass) return allEntries_;
  const auto it = entries_.find(cls);
  return it == entries_.end() ? none_ : it->second;
}

namespace {
// A few tenths of a second of graph walking on this VM (docs/benchmarks.md): below it a progress bar would
// only flicker.
constexpr double kVisitsWorthReporting = 2e5;
}  // namespace

ValidationPoll::ValidationPoll(Feedback* feedback, double work)
    : feedback_(feedback), work_(std::max(work, 1.0)), report_(feedback && work >= kVisitsWorthReporting) {}

void ValidationPoll::advance(double visits) {
  done_ += visits;
  if (!feedback_) return;
  if (report_) feedback_->setProgress(std::min(done_ / work_, 1.0), "validating the scenario");
  if (feedback_->isCancelled()) throw ValidationCancelled();
}

}  // namespace headroom::validation_detail
