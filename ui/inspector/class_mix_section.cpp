#include "ui/inspector/class_mix_section.h"

#include <algorithm>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>

#include "model/rename_class.h"

namespace headroom {

ClassMixSection::ClassMixSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("Class mix"), parent) {
  shares_ = new QLabel(this);
  shares_->setObjectName(QStringLiteral("classShares"));
  shares_->setWordWrap(true);
  shares_->setTextFormat(Qt::PlainText);
  addRow(tr("Shares"), shares_, QStringLiteral("mix"));
  QComboBox* picker = addPicker(tr("Class"),
            [this](Scenario& s) {
              Source* src = source(s);
              if (!src) return;
              // The first declared class not yet in the mix, else a new name; an empty mix meant one class
              // named after the source, which stays in as the first entry.
              if (src->mix.empty()) src->mix.push_back({src->name, 1.0});
              std::string cls;
              for (const std::string& declared : s.allRequestClasses())
                if (std::none_of(src->mix.begin(), src->mix.end(), [&](const ClassShare& m) { return m.request_class == declared; })) {
                  cls = declared;
                  break;
                }
              for (int n = 2; cls.empty(); ++n) {
                const std::string candidate = "class" + std::to_string(n);
                if (std::none_of(src->mix.begin(), src->mix.end(), [&](const ClassShare& m) { return m.request_class == candidate; }))
                  cls = candidate;
              }
              src->mix.push_back({cls, 1.0});
              if (std::find(s.request_classes.begin(), s.request_classes.end(), cls) == s.request_classes.end() && !s.request_classes.empty())
                s.request_classes.push_back(cls);
            },
            [this](Scenario& s, int index) {
              Source* src = source(s);
              if (src && index >= 0 && index < static_cast<int>(src->mix.size())) src->mix.erase(src->mix.begin() + index);
            },
            tr("class"));
  picker->setObjectName(QStringLiteral("classPicker"));
  // A class is named in many places (behaviours, per-class service times, cache ratios, write classes): a
  // rename reaches all of them in one undo step, or is refused with its reason beside the field.
  className_ = addCheckedText(tr("  name"), QStringLiteral("mix.name"),
                              [this](Scenario& s, const std::string& text) -> std::string {
                                Source* src = source(s);
                                if (!src || selected() >= static_cast<int>(src->mix.size())) return "no class is selected";
                                const std::string old = src->mix[static_cast<std::size_t>(selected())].request_class;
                                return renameRequestClass(s, old, text);
                              },
                              tr("Rename class to %1"));
  className_->setObjectName(QStringLiteral("className"));
  weight_ = addNumber(tr("  weight"), QStringLiteral("mix.weight"), 0.0, 1e9, 3, QString(),
                      [this](Scenario& s, double v) {
                        Source* src = source(s);
                        if (src && selected() < static_cast<int>(src->mix.size())) src->mix[static_cast<std::size_t>(selected())].weight = v;
                      },
                      tr("Set class weight"));
  weight_->setObjectName(QStringLiteral("classWeight"));
}

bool ClassMixSection::ownsWhere(const std::string& where) const { return where == "source '" + name() + "'"; }

bool ClassMixSection::update(const Scenario& scenario) {
  const Source* src = source(scenario);
  if (!src) return false;
  double total = 0.0;
  for (const ClassShare& share : src->mix) total += share.weight;
  QStringList shares, items;
  for (const ClassShare& share : src->mix) {
    const double pct = total > 0 ? 100.0 * share.weight / total : 0.0;
    shares << QStringLiteral("%1 %2%").arg(QString::fromStdString(share.request_class)).arg(pct, 0, 'f', 1);
    items << QString::fromStdString(share.request_class);
  }
  shares_->setText(shares.isEmpty() ? tr("one class, named after the source") : shares.join(QStringLiteral(" · ")));
  setPickerItems(items);
  const bool any = selected() < static_cast<int>(src->mix.size());
  setRowVisible(className_, any);
  setRowVisible(weight_, any);
  if (any) {
    className_->setText(QString::fromStdString(src->mix[static_cast<std::size_t>(selected())].request_class));
    weight_->setValue(src->mix[static_cast<std::size_t>(selected())].weight);
  }
  return true;
}

}  // namespace headroom
