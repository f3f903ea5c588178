#include "ui/planning/field_box.h"

#include "ui/planning/sweep_builder.h"

namespace headroom::planning_views {

QComboBox* makeFieldBox(QWidget* parent, int minimumCharacters) {
  auto* box = new QComboBox(parent);
  box->setEditable(true);
  box->setInsertPolicy(QComboBox::NoInsert);
  box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  box->setMinimumContentsLength(minimumCharacters);
  box->setToolTip(QObject::tr("A field of the scenario (JSON pointer; array elements by name)"));
  return box;
}

void fillFieldBox(QComboBox* box, const Scenario& scenario) {
  const QString keep = box->currentText();
  box->clear();
  for (const std::string& f : sweepableFields(scenario)) box->addItem(QString::fromStdString(f));
  if (!keep.isEmpty()) {
    box->setCurrentText(keep);
  } else {
    // Replicas are what one varies first; the document's first field is often a deep behaviour parameter.
    for (int i = 0; i < box->count(); ++i)
      if (box->itemText(i).endsWith(QStringLiteral("/replicas"))) {
        box->setCurrentIndex(i);
        break;
      }
  }
}

}  // namespace headroom::planning_views
