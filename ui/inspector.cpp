#include "ui/inspector.h"

#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/inspector/autoscaler_section.h"
#include "ui/inspector/aws_policies_section.h"
#include "ui/inspector/calls_section.h"
#include "ui/inspector/class_mix_section.h"
#include "ui/inspector/cluster_section.h"
#include "ui/inspector/component_section.h"
#include "ui/inspector/faults_section.h"
#include "ui/inspector/parts_section.h"
#include "ui/inspector/regions_section.h"
#include "ui/inspector/simulation_section.h"
#include "ui/inspector/source_section.h"
#include "ui/inspector/traffic_curve_section.h"
#include "ui/scenario_document.h"

namespace headroom {

namespace {

enum Page { SimulationPage, ComponentPage, SourcePage };

// A stack as tall as its page on screen. QStackedLayout answers heightForWidth with the tallest page, so in
// the scroll area a short page (a source) got the height of the longest one (a component with an autoscaler)
// and scrolled on into empty space below its last section.
class CurrentPageStack : public QStackedWidget {
 public:
  using QStackedWidget::QStackedWidget;
  QSize sizeHint() const override { return currentWidget() ? currentWidget()->sizeHint() : QStackedWidget::sizeHint(); }
  QSize minimumSizeHint() const override {
    return currentWidget() ? currentWidget()->minimumSizeHint() : QStackedWidget::minimumSizeHint();
  }
  int heightForWidth(int width) const override {
    return currentWidget() ? currentWidget()->heightForWidth(width) : QStackedWidget::heightForWidth(width);
  }
};

}  // namespace

Inspector::Inspector(ScenarioDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.15);
  title_->setFont(f);
  layout->addWidget(title_);
  stack_ = new CurrentPageStack(this);

  simulationSections_ = {new SimulationSection(document_, this), new FaultsSection(document_, false, this),
                         new ClusterSection(document_, this), new RegionsSection(document_, this)};
  auto* component = new ComponentSection(document_, this);
  componentSections_ = {component, new PartsSection(document_, this), new CallsSection(document_, this),
                        new AutoscalerSection(document_, this),
                        new AwsPoliciesSection(document_, this), new FaultsSection(document_, true, this)};
  auto* source = new SourceSection(document_, this);
  sourceSections_ = {source, new TrafficCurveSection(document_, this), new ClassMixSection(document_, this)};
  connect(component, &ComponentSection::renamed, this, [this](const QString& from, const QString& to) {
    key_ = to;
    emit renamed(from, to);
  });
  connect(source, &SourceSection::renamed, this, [this](const QString& from, const QString& to) {
    key_ = to;
    emit renamed(from, to);
  });
  stack_->addWidget(buildPage(simulationSections_));
  stack_->addWidget(buildPage(componentSections_));
  stack_->addWidget(buildPage(sourceSections_));
  // Many sections make a long page: it scrolls instead of clipping its last rows.
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setWidget(stack_);
  layout->addWidget(scroll, 1);
  general_ = new QLabel(this);
  general_->setObjectName(QStringLiteral("inspectorIssues"));
  general_->setWordWrap(true);
  general_->setTextFormat(Qt::PlainText);
  layout->addWidget(general_);
  connect(document_, &ScenarioDocument::changed, this, &Inspector::refresh);
  refresh();
}

QWidget* Inspector::buildPage(const std::vector<InspectorSection*>& sections) {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  v->setContentsMargins(0, 0, 0, 0);
  for (InspectorSection* s : sections) {
    s->setParent(page);
    v->addWidget(s);
  }
  v->addStretch(1);
  return page;
}

const std::vector<InspectorSection*>& Inspector::currentSections() const {
  if (isComponentKey(key_)) return componentSections_;
  if (isSourceKey(key_)) return sourceSections_;
  return simulationSections_;
}

void Inspector::setCurrentKey(const QString& key) {
  if (key == key_) return;
  key_ = key;
  refresh();
}

void Inspector::refresh() {
  const Scenario& scenario = document_->scenario();
  const bool component = isComponentKey(key_) && scenario.findComponent(nameFromKey(key_));
  bool source = false;
  if (isSourceKey(key_))
    for (const Source& s : scenario.sources) source |= s.name == nameFromKey(key_);
  if (!component && !source) key_.clear();
  const std::string name = key_.isEmpty() ? std::string() : nameFromKey(key_);
  const int page = component ? ComponentPage : source ? SourcePage : SimulationPage;
  stack_->setCurrentIndex(page);
  // A stacked widget is as wide as its widest page; only the page on screen may ask for width, or the widest
  // page pushes every other one past the right edge of the dock.
  for (int i = 0; i < stack_->count(); ++i)
    stack_->widget(i)->setSizePolicy(i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                     i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
  stack_->updateGeometry();
  title_->setText(component ? tr("Component %1").arg(QString::fromStdString(name))
                  : source  ? tr("Source %1").arg(QString::fromStdString(name))
                            : tr("Scenario and simulation"));
  for (InspectorSection* s : currentSections()) s->refresh(name);
  showIssues();
}

void Inspector::showIssues() {
  const auto& sections = currentSections();
  for (InspectorSection* s : sections) s->clearMessages();
  QStringList general;
  int elsewhere = 0;
  for (const ValidationIssue& issue : document_->issues()) {
    const QString field = QString::fromStdString(issue.field);
    const QString rule = QString::fromStdString(issue.rule);
    bool owned = false, shown = false;
    // Later sections are the more specific ones ("behaviour.*.steps[0].timeout" belongs to Calls, not to the
    // component's Behaviour row): ask them first.
    for (auto it = sections.rbegin(); it != sections.rend(); ++it) {
      InspectorSection* s = *it;
      if (!s->ownsWhere(issue.where)) continue;
      owned = true;
      const QString row = s->isHidden() ? QString() : s->rowFor(issue);
      if (row.isEmpty()) continue;
      s->addMessage(row, field == row ? rule : QStringLiteral("%1: %2").arg(field, rule));
      shown = true;
      break;
    }
    if (shown) continue;
    if (owned) general << QString::fromStdString(issue.message());
    else ++elsewhere;
  }
  for (InspectorSection* s : sections) s->showMessages();
  // Problems elsewhere still matter for running: say how many, so the user knows Run will refuse.
  if (elsewhere > 0) general << tr("%n other problem(s) in the scenario (see the tree).", nullptr, elsewhere);
  general_->setText(general.join(QLatin1Char('\n')));
  general_->setVisible(!general.isEmpty());
}

QString Inspector::fieldError(const QString& field) const {
  for (InspectorSection* s : currentSections())
    if (QString text = s->fieldError(field); !text.isEmpty()) return text;
  return {};
}

QString Inspector::generalIssues() const { return general_->text(); }

}  // namespace headroom
