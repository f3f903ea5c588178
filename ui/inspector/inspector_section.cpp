#include "ui/inspector/inspector_section.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QAbstractSpinBox>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/scenario_document.h"

namespace headroom {

InspectorSection::InspectorSection(ScenarioDocument* document, const QString& title, QWidget* parent)
    : QGroupBox(title, parent), document_(document) {
  form_ = new QFormLayout(this);
  form_->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a narrow dock puts the editor under its label, never cut
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void InspectorSection::refresh(const std::string& name) {
  name_ = name;
  updating_ = true;
  setVisible(update(document_->scenario()));
  updating_ = false;
  // A spin box showing words ("none (wait forever)", "unbounded") needs room for them: wider than that, the
  // form wraps the row under its label rather than cutting the words.
  for (const auto& [editor, box] : rows_)
    if (auto* spin = qobject_cast<QAbstractSpinBox*>(editor); spin && !spin->specialValueText().isEmpty())
      spin->setMinimumWidth(std::max(72, spin->fontMetrics().horizontalAdvance(spin->specialValueText()) + 36));
}

QString InspectorSection::rowFor(const ValidationIssue& issue) const {
  // The most specific row whose field is a prefix of the issue's field ("service_time.mean" before
  // "service_time"); "behaviour.checkout.steps[1].call" lands on "behaviour".
  const QString field = QString::fromStdString(issue.field);
  QString best;
  for (const auto& [rowField, label] : errors_) {
    const bool matches = field == rowField || field.startsWith(rowField + QLatin1Char('.')) ||
                         field.startsWith(rowField + QLatin1Char('['));
    if (matches && rowField.size() > best.size()) best = rowField;
  }
  return best;
}

void InspectorSection::clearMessages() { pending_.clear(); }

void InspectorSection::addMessage(const QString& rowField, const QString& text) { pending_[rowField] << text; }

void InspectorSection::showMessages() {
  for (const auto& [field, label] : errors_) {
    const QStringList& messages = pending_[field];
    label->setText(messages.join(QLatin1Char('\n')));
    label->setVisible(!messages.isEmpty());
  }
}

QString InspectorSection::fieldError(const QString& field) const {
  auto it = errors_.find(field);
  return it == errors_.end() ? QString() : it->second->text();
}

QLabel* InspectorSection::addRow(const QString& label, QWidget* editor, const QString& field) {
  // A spin box sizes itself to its largest value (1e9 ms) and a combo box to its longest item: in a 300 px
  // dock that pushed the page wider than the view and cut its right edge. They shrink to the dock instead.
  // (Combo boxes keep their natural width: a long one wraps under its label, which the form does by itself.)
  if (auto* spin = qobject_cast<QAbstractSpinBox*>(editor)) spin->setMinimumWidth(72);
  if (auto* line = qobject_cast<QLineEdit*>(editor)) line->setMinimumWidth(80);
  auto* box = new QWidget(this);
  auto* v = new QVBoxLayout(box);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(1);
  v->addWidget(editor);
  auto* error = new QLabel(box);
  error->setWordWrap(true);
  error->setTextFormat(Qt::PlainText);
  // Red reads on both light and dark palettes; only the error text is tinted.
  QPalette pal = error->palette();
  pal.setColor(QPalette::WindowText, QColor(220, 60, 50));
  error->setPalette(pal);
  error->setVisible(false);
  v->addWidget(error);
  if (!field.isEmpty()) errors_[field] = error;
  rows_[editor] = box;
  // No label: the row spans the form (a check box, a chart), instead of leaving the label column empty.
  if (label.isEmpty()) form_->addRow(box);
  else form_->addRow(label, box);
  return error;
}

QDoubleSpinBox* InspectorSection::addNumber(const QString& label, const QString& field, double min, double max, int decimals,
                                            const QString& suffix, std::function<void(Scenario&, double)> set,
                                            const QString& undo) {
  auto* spin = new QDoubleSpinBox(this);
  spin->setRange(min, max);
  spin->setDecimals(decimals);
  spin->setSuffix(suffix);
  spin->setKeyboardTracking(false);  // one command per finished value, not per keystroke
  addRow(label, spin, field);
  if (set)
  connect(spin, &QDoubleSpinBox::valueChanged, this, [this, set = std::move(set), undo](double v) {
    edit(undo, [&](Scenario& s) { set(s, v); });
  });
  return spin;
}

QSpinBox* InspectorSection::addInteger(const QString& label, const QString& field, int min, int max,
                                       std::function<void(Scenario&, int)> set, const QString& undo) {
  auto* spin = new QSpinBox(this);
  spin->setRange(min, max);
  spin->setKeyboardTracking(false);
  addRow(label, spin, field);
  if (set)
  connect(spin, &QSpinBox::valueChanged, this, [this, set = std::move(set), undo](int v) {
    edit(undo, [&](Scenario& s) { set(s, v); });
  });
  return spin;
}

QComboBox* InspectorSection::addChoice(const QString& label, const QString& field,
                                       const std::vector<std::pair<QString, int>>& items,
                                       std::function<void(Scenario&, int)> set, const QString& undo) {
  auto* combo = new QComboBox(this);
  for (const auto& [text, data] : items) combo->addItem(text, data);
  addRow(label, combo, field);
  if (set)
  connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, set = std::move(set), undo] {
    const int v = combo->currentData().toInt();
    edit(undo, [&](Scenario& s) { set(s, v); });
  });
  return combo;
}

QCheckBox* InspectorSection::addCheck(const QString& text, const QString& field, std::function<void(Scenario&, bool)> set,
                                      const QString& undo) {
  auto* check = new QCheckBox(text, this);
  addRow(QString(), check, field);
  if (set)
  connect(check, &QCheckBox::toggled, this, [this, set = std::move(set), undo](bool on) {
    edit(undo, [&](Scenario& s) { set(s, on); });
  });
  return check;
}

QLineEdit* InspectorSection::addText(const QString& label, const QString& field,
                                     std::function<bool(Scenario&, const std::string&)> set, const QString& undo) {
  auto* line = new QLineEdit(this);
  addRow(label, line, field);
  connect(line, &QLineEdit::editingFinished, this, [this, line, set = std::move(set), undo] {
    if (updating_) return;
    const std::string text = line->text().trimmed().toStdString();
    Scenario probe = document_->scenario();
    if (!set(probe, text)) {
      refresh(name_);  // refused (empty or taken): show the old value again
      return;
    }
    edit(undo, [&](Scenario& s) { set(s, text); });
  });
  return line;
}

QLineEdit* InspectorSection::addCheckedText(const QString& label, const QString& field,
                                            std::function<std::string(Scenario&, const std::string&)> set,
                                            const QString& undo) {
  auto* line = new QLineEdit(this);
  addRow(label, line, field);
  connect(line, &QLineEdit::editingFinished, this, [this, line, field, set = std::move(set), undo] {
    if (updating_) return;
    const std::string text = line->text().trimmed().toStdString();
    Scenario probe = document_->scenario();
    if (const std::string reason = set(probe, text); !reason.empty()) {
      refuse(field, QString::fromStdString(reason));
      return;
    }
    edit(undo.arg(QString::fromStdString(text)), [&](Scenario& s) { set(s, text); });
  });
  return line;
}

void InspectorSection::refuse(const QString& field, const QString& reason) {
  refresh(name_);
  if (auto it = errors_.find(field); it != errors_.end()) {
    it->second->setText(reason);
    it->second->setVisible(true);
  }
}

QComboBox* InspectorSection::addPicker(const QString& label, std::function<void(Scenario&)> add,
                                       std::function<void(Scenario&, int)> remove, const QString& what, const QString& field) {
  auto* box = new QWidget(this);
  auto* h = new QHBoxLayout(box);
  h->setContentsMargins(0, 0, 0, 0);
  auto* picker = new QComboBox(box);
  picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  picker->setMinimumContentsLength(4);
  pickers_.push_back(picker);
  selections_[picker] = 0;
  auto* plus = new QToolButton(box);
  plus->setText(QStringLiteral("+"));
  plus->setToolTip(tr("Add %1").arg(what));
  plus->setObjectName(QStringLiteral("add"));
  auto* minus = new QToolButton(box);
  minus->setText(QStringLiteral("−"));
  minus->setToolTip(tr("Remove the selected %1").arg(what));
  minus->setObjectName(QStringLiteral("remove"));
  h->addWidget(picker, 1);
  h->addWidget(plus);
  h->addWidget(minus);
  plus->setVisible(bool(add));  // no add/remove: the list is edited elsewhere (calls: on the canvas)
  minus->setVisible(bool(remove));
  addRow(label, box, field);
  rows_[picker] = rows_[box];  // setRowVisible(picker) hides the whole row
  connect(picker, &QComboBox::currentIndexChanged, this, [this, picker](int index) {
    if (updating_ || index < 0) return;
    selections_[picker] = index;
    refresh(name_);
  });
  if (!add) return picker;
  connect(plus, &QToolButton::clicked, this, [this, picker, add = std::move(add), what] {
    selections_[picker] = picker->count();  // the new item comes last
    edit(tr("Add %1").arg(what), add);
  });
  connect(minus, &QToolButton::clicked, this, [this, picker, remove = std::move(remove), what] {
    if (picker->count() == 0) return;
    const int index = selections_[picker];
    selections_[picker] = std::max(0, index - 1);
    edit(tr("Remove %1").arg(what), [&](Scenario& s) { remove(s, index); });
  });
  return picker;
}

void InspectorSection::setPickerItems(const QStringList& items) { setPickerItems(pickers_.front(), items); }

void InspectorSection::setPickerItems(QComboBox* picker, const QStringList& items) {
  int& selected = selections_[picker];
  picker->clear();
  picker->addItems(items);
  selected = items.isEmpty() ? 0 : std::clamp(selected, 0, static_cast<int>(items.size()) - 1);
  picker->setCurrentIndex(items.isEmpty() ? -1 : selected);
  picker->setEnabled(!items.isEmpty());
}

int InspectorSection::selected(QComboBox* picker) const {
  auto it = selections_.find(picker);
  return it == selections_.end() ? 0 : it->second;
}

std::string InspectorSection::focusOn(const std::string& field, const std::string& list, int index, const std::string& as) {
  const std::string item = list + "[" + std::to_string(index) + "]";
  if (field.compare(0, item.size(), item) != 0) return field;
  return as + field.substr(item.size());
}

void InspectorSection::setRowVisible(QWidget* editor, bool visible) {
  if (auto it = rows_.find(editor); it != rows_.end()) form_->setRowVisible(it->second, visible);
}

void InspectorSection::setValue(QDoubleSpinBox* spin, double value) { spin->setValue(value); }
void InspectorSection::setValue(QSpinBox* spin, int value) { spin->setValue(value); }
void InspectorSection::setChoice(QComboBox* combo, int data) { combo->setCurrentIndex(std::max(0, combo->findData(data))); }

void InspectorSection::edit(const QString& text, const std::function<void(Scenario&)>& change) {
  if (updating_) return;
  const QString undo = name_.empty() ? text : QStringLiteral("%1: %2").arg(QString::fromStdString(name_), text);
  document_->applyScenarioEdit(undo, change);
}

Component* InspectorSection::component(Scenario& s) const {
  for (Component& c : s.components)
    if (c.name == name_) return &c;
  return nullptr;
}

const Component* InspectorSection::component(const Scenario& s) const { return s.findComponent(name_); }

Source* InspectorSection::source(Scenario& s) const {
  for (Source& src : s.sources)
    if (src.name == name_) return &src;
  return nullptr;
}

const Source* InspectorSection::source(const Scenario& s) const {
  for (const Source& src : s.sources)
    if (src.name == name_) return &src;
  return nullptr;
}

}  // namespace headroom
