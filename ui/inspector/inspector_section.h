#pragma once
// One titled block of the inspector (a QGroupBox holding a form): the fields of one scenario feature, each
// with its validation message underneath, each change one undoable command on the ScenarioDocument. A
// section edits the selected component or source (`name()`), or scenario-wide settings when it is empty.
// Subclasses build their rows in the constructor and fill them in update(). GUI thread only.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <QGroupBox>
#include <QString>
#include <QStringList>

#include "model/scenario.h"
#include "model/validation.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace headroom {

class ScenarioDocument;

class InspectorSection : public QGroupBox {
  Q_OBJECT

 public:
  InspectorSection(ScenarioDocument* document, const QString& title, QWidget* parent);

  // Refills every editor from the document for the node `name` (empty = the scenario). Hides the section
  // when the node has no such feature.
  void refresh(const std::string& name);
  const std::string& name() const { return name_; }

  // Whether an issue about `where` ("component 'db'", "cluster", "fault #2 (slowdown)") belongs here, and the
  // row field that should show it (empty = none of this section's rows).
  virtual bool ownsWhere(const std::string& where) const = 0;
  virtual QString rowFor(const ValidationIssue& issue) const;
  void clearMessages();
  void addMessage(const QString& rowField, const QString& text);
  void showMessages();
  QString fieldError(const QString& field) const;

 protected:
  // Fills the editors (signals from editors are ignored meanwhile); returns false to hide the section.
  virtual bool update(const Scenario& scenario) = 0;

  QLabel* addRow(const QString& label, QWidget* editor, const QString& field);  // returns the error label
  QDoubleSpinBox* addNumber(const QString& label, const QString& field, double min, double max, int decimals,
                            const QString& suffix, std::function<void(Scenario&, double)> set, const QString& undo);
  QSpinBox* addInteger(const QString& label, const QString& field, int min, int max,
                       std::function<void(Scenario&, int)> set, const QString& undo);
  QComboBox* addChoice(const QString& label, const QString& field, const std::vector<std::pair<QString, int>>& items,
                       std::function<void(Scenario&, int)> set, const QString& undo);
  QCheckBox* addCheck(const QString& text, const QString& field, std::function<void(Scenario&, bool)> set,
                      const QString& undo);
  QLineEdit* addText(const QString& label, const QString& field, std::function<bool(Scenario&, const std::string&)> set,
                     const QString& undo);
  // A text field whose `set` returns why it refuses a value (empty = accepted): a refused value changes nothing
  // and its reason stays beside the field until the next edit.
  QLineEdit* addCheckedText(const QString& label, const QString& field,
                            std::function<std::string(Scenario&, const std::string&)> set, const QString& undo);
  // Shows the old values again and `reason` beside `field`: an edit that was refused before it reached the scenario.
  void refuse(const QString& field, const QString& reason);
  // A list picker: which item of a list (fault, node pool, spike, ...) the rows below edit, with Add and
  // Remove buttons. `selected()` is the picked index of the first picker, `selected(picker)` of any (a section
  // may hold nested lists: policies and the steps of the picked policy). `field` names the row that shows
  // issues about the list itself.
  QComboBox* addPicker(const QString& label, std::function<void(Scenario&)> add, std::function<void(Scenario&, int)> remove,
                       const QString& what, const QString& field = QString());
  void setPickerItems(const QStringList& items);
  void setPickerItems(QComboBox* picker, const QStringList& items);
  int selected() const { return pickers_.empty() ? 0 : selected(pickers_.front()); }
  int selected(QComboBox* picker) const;
  // Picks item `index` of `picker` at the next refresh (an added item that does not come last in a sorted list).
  void select(QComboBox* picker, int index) { selections_[picker] = index; }
  // "autoscaling.policies[2].threshold" -> "policy.threshold" when item 2 of list "autoscaling.policies" is the
  // picked one, so an issue about the picked item lands on the row that edits it; other fields are unchanged.
  static std::string focusOn(const std::string& field, const std::string& list, int index, const std::string& as);

  void setRowVisible(QWidget* editor, bool visible);
  void setValue(QDoubleSpinBox* spin, double value);
  void setValue(QSpinBox* spin, int value);
  void setChoice(QComboBox* combo, int data);

  // One undoable edit of the scenario, named "<node>: <text>"; ignored while the editors are being filled.
  void edit(const QString& text, const std::function<void(Scenario&)>& change);
  Component* component(Scenario& s) const;
  const Component* component(const Scenario& s) const;
  Source* source(Scenario& s) const;
  const Source* source(const Scenario& s) const;

  ScenarioDocument* document_;
  QFormLayout* form_ = nullptr;
  bool updating_ = false;

 private:
  std::string name_;
  std::vector<QComboBox*> pickers_;
  std::map<QComboBox*, int> selections_;  // picker -> picked index
  std::map<QString, QLabel*> errors_;   // row field -> its error label
  std::map<QString, QStringList> pending_;
  std::map<QWidget*, QWidget*> rows_;   // editor -> the box holding it and its error label
};

}  // namespace headroom
