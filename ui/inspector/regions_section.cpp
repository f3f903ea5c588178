#include "ui/inspector/regions_section.h"

#include <algorithm>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>

#include "ui/scenario_document.h"

namespace headroom {

namespace {

// The latency between two regions as the engine reads it: either side may hold it.
double latencyBetween(const Scenario& s, const std::string& a, const std::string& b) {
  for (const RegionSpec& r : s.regions) {
    if (r.name == a)
      if (auto it = r.latency_s.find(b); it != r.latency_s.end()) return it->second;
    if (r.name == b)
      if (auto it = r.latency_s.find(a); it != r.latency_s.end()) return it->second;
  }
  return 0.0;
}

}  // namespace

RegionsSection::RegionsSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Regions"), parent) {
  setObjectName(QStringLiteral("regionsSection"));
  addPicker(tr("Region"),
            [](Scenario& s) {
              std::string name;
              for (int n = static_cast<int>(s.regions.size()) + 1; name.empty(); ++n) {
                const std::string candidate = "region" + std::to_string(n);
                if (std::none_of(s.regions.begin(), s.regions.end(), [&](const RegionSpec& r) { return r.name == candidate; })) name = candidate;
              }
              RegionSpec r;
              r.name = name;
              for (const RegionSpec& other : s.regions) r.latency_s[other.name] = 0.05;  // a plausible default: 50 ms
              s.regions.push_back(r);
            },
            [](Scenario& s, int index) {
              if (index < 0 || index >= static_cast<int>(s.regions.size())) return;
              const std::string gone = s.regions[static_cast<std::size_t>(index)].name;
              s.regions.erase(s.regions.begin() + index);
              for (RegionSpec& r : s.regions) r.latency_s.erase(gone);
              // References to it are left for validation to point at (as a removed component's entries are).
            },
            tr("region"));
  name_ = addText(tr("  name"), QStringLiteral("name"),
                  [this](Scenario& s, const std::string& text) {
                    if (text.empty() || selected() >= static_cast<int>(s.regions.size())) return false;
                    for (const RegionSpec& r : s.regions)
                      if (r.name == text) return false;
                    const std::string old = s.regions[static_cast<std::size_t>(selected())].name;
                    s.regions[static_cast<std::size_t>(selected())].name = text;
                    for (RegionSpec& r : s.regions)
                      if (auto it = r.latency_s.find(old); it != r.latency_s.end()) {
                        r.latency_s[text] = it->second;
                        r.latency_s.erase(old);
                      }
                    for (Component& c : s.components)
                      if (c.region == old) c.region = text;
                    for (Source& src : s.sources)
                      if (src.region == old) src.region = text;
                    for (FaultSpec& f : s.faults)
                      if (f.region == old) f.region = text;
                    return true;
                  },
                  tr("Rename region"));
  name_->setObjectName(QStringLiteral("regionName"));
  other_ = new QComboBox(this);
  addRow(tr("  latency to"), other_, QStringLiteral("latency"));
  connect(other_, &QComboBox::currentIndexChanged, this, [this] {
    if (!updating_) refresh(name());
  });
  latency_ = addNumber(tr("  one way"), QStringLiteral("latency.value"), 0.0, 1e6, 2, tr(" ms"),
                       [this](Scenario& s, double v) {
                         if (selected() >= static_cast<int>(s.regions.size()) || other_->currentIndex() < 0) return;
                         const std::string to = other_->currentText().toStdString();
                         RegionSpec& r = s.regions[static_cast<std::size_t>(selected())];
                         // One place holds the number: drop the reverse entry so the two can never disagree.
                         for (RegionSpec& o : s.regions)
                           if (o.name == to) o.latency_s.erase(r.name);
                         r.latency_s[to] = v / 1e3;
                       },
                       tr("Set region latency"));
  latency_->setObjectName(QStringLiteral("regionLatency"));
}

bool RegionsSection::ownsWhere(const std::string& where) const { return where.rfind("region ", 0) == 0; }

QString RegionsSection::rowFor(const ValidationIssue& issue) const {
  const Scenario& s = document_->scenario();
  if (selected() >= static_cast<int>(s.regions.size())) return {};
  if (issue.where != "region '" + s.regions[static_cast<std::size_t>(selected())].name + "'") return {};
  return issue.field.rfind("latency", 0) == 0 ? QStringLiteral("latency") : InspectorSection::rowFor(issue);
}

bool RegionsSection::update(const Scenario& scenario) {
  QStringList names;
  for (const RegionSpec& r : scenario.regions) names << QString::fromStdString(r.name);
  setPickerItems(names);
  const bool any = selected() < static_cast<int>(scenario.regions.size());
  const QString keep = other_->currentText();
  other_->clear();
  if (any)
    for (const RegionSpec& r : scenario.regions)
      if (r.name != scenario.regions[static_cast<std::size_t>(selected())].name) other_->addItem(QString::fromStdString(r.name));
  other_->setCurrentIndex(std::max(0, other_->findText(keep)));
  setRowVisible(name_, any);
  setRowVisible(other_, any && other_->count() > 0);
  setRowVisible(latency_, any && other_->count() > 0);
  if (any) {
    const std::string self = scenario.regions[static_cast<std::size_t>(selected())].name;
    name_->setText(QString::fromStdString(self));
    if (other_->count() > 0) latency_->setValue(latencyBetween(scenario, self, other_->currentText().toStdString()) * 1e3);
  }
  return true;
}

}  // namespace headroom
