#include "ui/inspector.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimer>

#include <qcustomplot.h>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/scenario_document.h"
#include "simulator/health/health.h"
#include "ui/scenario_edits.h"

namespace headroom {

namespace {

enum Page { SimulationPage, ComponentPage, SourcePage };

const QString kComponent = QStringLiteral("component");
const QString kSource = QStringLiteral("source");
const QString kSimulation = QStringLiteral("simulation");

QDoubleSpinBox* doubleSpin(QWidget* parent, double min, double max, int decimals, const QString& suffix) {
  auto* spin = new QDoubleSpinBox(parent);
  spin->setRange(min, max);
  spin->setDecimals(decimals);
  spin->setSuffix(suffix);
  spin->setKeyboardTracking(false);  // one command per finished value, not per keystroke
  return spin;
}

QSpinBox* intSpin(QWidget* parent, int min, int max) {
  auto* spin = new QSpinBox(parent);
  spin->setRange(min, max);
  spin->setKeyboardTracking(false);
  return spin;
}

QString describeSteps(const std::vector<Step>& steps) {
  QStringList parts;
  for (const Step& step : steps) {
    QStringList targets;
    for (const CallTarget& c : step.calls) targets << QString::fromStdString(c.target);
    switch (step.kind) {
      case Step::Kind::Work: parts << QStringLiteral("work %1 ms").arg(step.work.mean() * 1e3, 0, 'g', 3); break;
      case Step::Kind::Call: parts << QStringLiteral("call %1").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Parallel: parts << QStringLiteral("parallel {%1}").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Send: parts << QStringLiteral("send %1").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Branch: parts << QStringLiteral("branch (%1 arms)").arg(step.arms.size()); break;
    }
  }
  return parts.join(QStringLiteral(" → "));
}

}  // namespace

Inspector::Inspector(ScenarioDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.15);
  title_->setFont(f);
  layout->addWidget(title_);
  stack_ = new QStackedWidget(this);
  stack_->addWidget(buildSimulationPage());
  stack_->addWidget(buildComponentPage());
  stack_->addWidget(buildSourcePage());
  // Many parts make a long page: it scrolls instead of clipping its last rows.
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

void Inspector::addRow(QFormLayout* form, const QString& page, const QString& label, QWidget* editor,
                       const QString& field) {
  auto* box = new QWidget(form->parentWidget());
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
  errorLabels_[page + QLatin1Char('/') + field] = error;
  form->addRow(label, box);
}

QWidget* Inspector::buildComponentPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a narrow dock puts the editor under its label, never cut
  cName_ = new QLineEdit(page);
  cName_->setObjectName(QStringLiteral("componentName"));
  cType_ = new QComboBox(page);
  cType_->addItem(tr("service (queues)"), static_cast<int>(Component::Type::Service));
  cType_->addItem(tr("delay (never queues)"), static_cast<int>(Component::Type::Delay));
  cType_->addItem(tr("topic (partitions, consumers)"), static_cast<int>(Component::Type::Topic));
  cType_->addItem(tr("serverless function"), static_cast<int>(Component::Type::Serverless));
  cReplicas_ = intSpin(page, 0, 100000);
  cReplicas_->setObjectName(QStringLiteral("replicas"));
  cWorkers_ = intSpin(page, 0, 1000000);
  cWorkers_->setObjectName(QStringLiteral("workersPerReplica"));
  cDiscipline_ = new QComboBox(page);
  cDiscipline_->addItem(tr("FCFS (worker held during calls)"), static_cast<int>(Component::Discipline::FCFS));
  cDiscipline_->addItem(tr("processor sharing"), static_cast<int>(Component::Discipline::ProcessorSharing));
  cBalancer_ = new QComboBox(page);
  cBalancer_->addItem(tr("round robin"), static_cast<int>(Component::Balancer::RoundRobin));
  cBalancer_->addItem(tr("least outstanding"), static_cast<int>(Component::Balancer::LeastOutstanding));
  cBalancer_->addItem(tr("random"), static_cast<int>(Component::Balancer::Random));
  cQueue_ = intSpin(page, -1, 10000000);
  cQueue_->setSpecialValueText(tr("unbounded"));
  cQueue_->setObjectName(QStringLiteral("queueCapacity"));
  cDist_ = new QComboBox(page);
  for (auto kind : {Distribution::Kind::Exponential, Distribution::Kind::Deterministic, Distribution::Kind::Lognormal,
                    Distribution::Kind::Gamma, Distribution::Kind::Uniform, Distribution::Kind::Histogram})
    cDist_->addItem(QString::fromLatin1(distributionKindName(kind)), static_cast<int>(kind));
  cMean_ = doubleSpin(page, 0.0, 1e7, 3, tr(" ms"));
  cMean_->setObjectName(QStringLiteral("serviceTimeMean"));
  cCv_ = doubleSpin(page, 0.0, 100.0, 2, QString());
  cSteps_ = new QLabel(page);
  cSteps_->setWordWrap(true);
  cSteps_->setTextFormat(Qt::PlainText);

  addRow(form, kComponent, tr("Name"), cName_, QStringLiteral("name"));
  addRow(form, kComponent, tr("Type"), cType_, QStringLiteral("type"));
  addRow(form, kComponent, tr("Replicas"), cReplicas_, QStringLiteral("replicas"));
  addRow(form, kComponent, tr("Workers per replica"), cWorkers_, QStringLiteral("workers_per_replica"));
  addRow(form, kComponent, tr("Discipline"), cDiscipline_, QStringLiteral("discipline"));
  addRow(form, kComponent, tr("Balancer"), cBalancer_, QStringLiteral("balancer"));
  addRow(form, kComponent, tr("Queue capacity / replica"), cQueue_, QStringLiteral("queue_capacity"));
  addRow(form, kComponent, tr("Service time"), cDist_, QStringLiteral("service_time"));
  addRow(form, kComponent, tr("  mean"), cMean_, QStringLiteral("service_time.mean"));
  addRow(form, kComponent, tr("  cv"), cCv_, QStringLiteral("service_time.cv"));
  addRow(form, kComponent, tr("Behaviour"), cSteps_, QStringLiteral("behaviour"));
  cForm_ = form;

  // Parts of a stack: a row per part the component has, each validated and undoable like the rows above.
  cErrorRatio_ = doubleSpin(page, 0.0, 1.0, 4, QString());
  cErrorRatio_->setObjectName(QStringLiteral("errorRatio"));
  addRow(form, kComponent, tr("Injected error ratio"), cErrorRatio_, QStringLiteral("error_ratio"));
  cHitRatio_ = doubleSpin(page, 0.0, 1.0, 3, QString());
  cHitRatio_->setObjectName(QStringLiteral("cacheHitRatio"));
  addPartRow(form, tr("Cache hit ratio"), cHitRatio_, QStringLiteral("cache.hit_ratio"));
  cShards_ = intSpin(page, 0, 100000);
  cShards_->setObjectName(QStringLiteral("databaseShards"));
  addPartRow(form, tr("Database shards"), cShards_, QStringLiteral("database.shards"));
  cReadReplicas_ = intSpin(page, 0, 10000);
  cReadReplicas_->setObjectName(QStringLiteral("databaseReadReplicas"));
  addPartRow(form, tr("Read replicas / shard"), cReadReplicas_, QStringLiteral("database.read_replicas"));
  cPartitions_ = intSpin(page, 0, 100000);
  cPartitions_->setObjectName(QStringLiteral("topicPartitions"));
  addPartRow(form, tr("Topic partitions"), cPartitions_, QStringLiteral("topic.partitions"));
  cConcurrency_ = intSpin(page, 0, 10000000);
  cConcurrency_->setObjectName(QStringLiteral("serverlessConcurrency"));
  addPartRow(form, tr("Concurrency limit"), cConcurrency_, QStringLiteral("serverless.concurrency_limit"));
  cRateLimit_ = doubleSpin(page, 0.0, 1e9, 3, tr(" req/s per client"));
  cRateLimit_->setObjectName(QStringLiteral("rateLimit"));
  addPartRow(form, tr("Rate limit"), cRateLimit_, QStringLiteral("rate_limit.rate_per_s"));
  cBurst_ = doubleSpin(page, 0.0, 1e9, 1, tr(" requests"));
  addPartRow(form, tr("  burst"), cBurst_, QStringLiteral("rate_limit.burst"));
  cMinReplicas_ = intSpin(page, 0, kMaxReplicas);
  cMinReplicas_->setObjectName(QStringLiteral("autoscalingMin"));
  addPartRow(form, tr("Autoscaler min replicas"), cMinReplicas_, QStringLiteral("autoscaling.min_replicas"));
  cMaxReplicas_ = intSpin(page, 0, kMaxReplicas);
  cMaxReplicas_->setObjectName(QStringLiteral("autoscalingMax"));
  addPartRow(form, tr("Autoscaler max replicas"), cMaxReplicas_, QStringLiteral("autoscaling.max_replicas"));
  cCalls_ = new QLabel(page);
  cCalls_->setWordWrap(true);
  cCalls_->setTextFormat(Qt::PlainText);
  cCalls_->setObjectName(QStringLiteral("componentCalls"));
  addPartRow(form, tr("Calls"), cCalls_, QStringLiteral("circuit_breakers"));
  cFaults_ = new QLabel(page);
  cFaults_->setWordWrap(true);
  cFaults_->setTextFormat(Qt::PlainText);
  addPartRow(form, tr("Faults"), cFaults_, QStringLiteral("faults"));
  connect(cErrorRatio_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editComponent(tr("Set injected error ratio"), [v](Component& c) { c.error_ratio = v; });
  });
  connect(cHitRatio_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editComponent(tr("Set cache hit ratio"), [v](Component& c) {
      if (c.cache) c.cache->hit_ratio[kAnyClass] = v;
    });
  });
  connect(cShards_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set shards"), [v](Component& c) { if (c.database) c.database->shards = v; });
  });
  connect(cReadReplicas_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set read replicas"), [v](Component& c) { if (c.database) c.database->read_replicas = v; });
  });
  connect(cPartitions_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set partitions"), [v](Component& c) { if (c.topic) c.topic->partitions = v; });
  });
  connect(cConcurrency_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set concurrency limit"), [v](Component& c) { if (c.serverless) c.serverless->concurrency_limit = v; });
  });
  connect(cRateLimit_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editComponent(tr("Set rate limit"), [v](Component& c) { if (c.rate_limit) c.rate_limit->rate_per_s = v; });
  });
  connect(cBurst_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editComponent(tr("Set burst"), [v](Component& c) { if (c.rate_limit) c.rate_limit->burst = v; });
  });
  connect(cMinReplicas_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set autoscaler minimum"), [v](Component& c) { if (c.autoscaling) c.autoscaling->min_replicas = v; });
  });
  connect(cMaxReplicas_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set autoscaler maximum"), [v](Component& c) { if (c.autoscaling) c.autoscaling->max_replicas = v; });
  });

  connect(cName_, &QLineEdit::editingFinished, this, [this] {
    if (updating_ || !isComponentKey(key_)) return;
    const std::string from = nameFromKey(key_);
    const std::string to = cName_->text().trimmed().toStdString();
    if (to == from) return;
    if (document_->scenario().findComponent(to) || to.empty()) {
      refresh();  // refused: show the old name again
      return;
    }
    const QString oldKey = key_, newKey = componentKey(to);
    key_ = newKey;
    document_->applyEdit(tr("Rename %1 to %2").arg(QString::fromStdString(from), QString::fromStdString(to)),
                         [&](DocumentState& s) {
                           renameComponent(s.scenario, from, to);
                           if (auto it = s.positions.find(oldKey); it != s.positions.end()) {
                             s.positions[newKey] = it->second;
                             s.positions.erase(oldKey);
                           }
                         });
    emit renamed(oldKey, newKey);
  });
  connect(cType_, &QComboBox::currentIndexChanged, this, [this] {
    const auto type = static_cast<Component::Type>(cType_->currentData().toInt());
    editComponent(tr("Change type"), [type](Component& c) {
      c.type = type;
      // Each type carries its own block; switching keeps a valid scenario with the documented defaults.
      if (type == Component::Type::Topic && !c.topic) c.topic = TopicSpec{};
      if (type != Component::Type::Topic) c.topic.reset();
      if (type == Component::Type::Serverless && !c.serverless) c.serverless = ServerlessSpec{};
      if (type != Component::Type::Serverless) c.serverless.reset();
      if (type == Component::Type::Serverless) c.autoscaling.reset();
    });
  });
  connect(cReplicas_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set replicas to %1").arg(v), [v](Component& c) { c.replicas = v; });
  });
  connect(cWorkers_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set workers to %1").arg(v), [v](Component& c) { c.workers_per_replica = v; });
  });
  connect(cDiscipline_, &QComboBox::currentIndexChanged, this, [this] {
    const auto d = static_cast<Component::Discipline>(cDiscipline_->currentData().toInt());
    editComponent(tr("Change discipline"), [d](Component& c) { c.discipline = d; });
  });
  connect(cBalancer_, &QComboBox::currentIndexChanged, this, [this] {
    const auto b = static_cast<Component::Balancer>(cBalancer_->currentData().toInt());
    editComponent(tr("Change balancer"), [b](Component& c) { c.balancer = b; });
  });
  connect(cQueue_, &QSpinBox::valueChanged, this, [this](int v) {
    editComponent(tr("Set queue capacity"), [v](Component& c) {
      c.queue_capacity = v < 0 ? std::nullopt : std::optional<int>(v);
    });
  });
  auto distributionEdit = [this] {
    const auto kind = static_cast<Distribution::Kind>(cDist_->currentData().toInt());
    const double mean_s = cMean_->value() / 1e3;
    const double cv = cCv_->value();
    editComponent(tr("Change service time"), [kind, mean_s, cv](Component& c) {
      Distribution& d = c.service_time;
      if (kind == Distribution::Kind::Uniform || kind == Distribution::Kind::Histogram) {
        d.kind = kind;  // bounds and bins are edited in the file; keep what is there
        return;
      }
      d.kind = kind;
      d.mean_s = mean_s;
      d.cv = kind == Distribution::Kind::Exponential ? 1.0 : kind == Distribution::Kind::Deterministic ? 0.0 : cv;
    });
  };
  connect(cDist_, &QComboBox::currentIndexChanged, this, distributionEdit);
  connect(cMean_, &QDoubleSpinBox::valueChanged, this, distributionEdit);
  connect(cCv_, &QDoubleSpinBox::valueChanged, this, distributionEdit);
  return page;
}

QWidget* Inspector::buildSourcePage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a narrow dock puts the editor under its label, never cut
  sName_ = new QLineEdit(page);
  sKind_ = new QComboBox(page);
  sKind_->addItem(tr("open (arrival rate)"), static_cast<int>(Source::Kind::Open));
  sKind_->addItem(tr("closed (users + think time)"), static_cast<int>(Source::Kind::Closed));
  sEntry_ = new QComboBox(page);
  sRate_ = doubleSpin(page, 0.0, 1e9, 3, tr(" req/s"));
  sRate_->setObjectName(QStringLiteral("sourceRate"));
  sCurve_ = new QLabel(page);
  sArrivals_ = new QComboBox(page);
  sArrivals_->addItem(tr("Poisson"), static_cast<int>(Source::Arrivals::Poisson));
  sArrivals_->addItem(tr("deterministic"), static_cast<int>(Source::Arrivals::Deterministic));
  sArrivals_->addItem(tr("renewal (gamma)"), static_cast<int>(Source::Arrivals::Renewal));
  sPopulation_ = intSpin(page, 0, 100000000);
  sThink_ = doubleSpin(page, 0.0, 1e6, 3, tr(" s"));

  addRow(form, kSource, tr("Name"), sName_, QStringLiteral("name"));
  addRow(form, kSource, tr("Kind"), sKind_, QStringLiteral("kind"));
  addRow(form, kSource, tr("Entry component"), sEntry_, QStringLiteral("entry"));
  addRow(form, kSource, tr("Rate"), sRate_, QStringLiteral("rate"));
  addRow(form, kSource, tr("Rate curve"), sCurve_, QStringLiteral("rate.curve"));
  addRow(form, kSource, tr("Arrivals"), sArrivals_, QStringLiteral("arrivals"));
  addRow(form, kSource, tr("Population"), sPopulation_, QStringLiteral("population"));
  addRow(form, kSource, tr("Think time (mean)"), sThink_, QStringLiteral("think_time"));
  sPreview_ = new QCustomPlot(page);
  sPreview_->setObjectName(QStringLiteral("trafficPreview"));
  sPreview_->setMinimumHeight(120);
  sPreview_->setMaximumHeight(150);
  sPreview_->xAxis->setLabel(tr("time"));
  sPreview_->yAxis->setLabel(tr("req/s"));
  addRow(form, kSource, tr("Traffic"), sPreview_, QStringLiteral("rate.preview"));
  sMix_ = new QLabel(page);
  sMix_->setWordWrap(true);
  sMix_->setTextFormat(Qt::PlainText);
  addRow(form, kSource, tr("Class mix"), sMix_, QStringLiteral("mix"));

  connect(sName_, &QLineEdit::editingFinished, this, [this] {
    if (updating_ || !isSourceKey(key_)) return;
    const std::string from = nameFromKey(key_);
    const std::string to = sName_->text().trimmed().toStdString();
    if (to == from) return;
    Scenario probe = document_->scenario();
    if (!renameSource(probe, from, to)) {
      refresh();
      return;
    }
    const QString oldKey = key_, newKey = sourceKey(to);
    key_ = newKey;
    document_->applyEdit(tr("Rename source"), [&](DocumentState& s) {
      renameSource(s.scenario, from, to);
      if (auto it = s.positions.find(oldKey); it != s.positions.end()) {
        s.positions[newKey] = it->second;
        s.positions.erase(oldKey);
      }
    });
    emit renamed(oldKey, newKey);
  });
  connect(sKind_, &QComboBox::currentIndexChanged, this, [this] {
    const auto kind = static_cast<Source::Kind>(sKind_->currentData().toInt());
    editSource(tr("Change source kind"), [kind](Source& s) { s.kind = kind; });
  });
  connect(sEntry_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string entry = sEntry_->currentText().toStdString();
    editSource(tr("Change entry"), [entry](Source& s) { s.entry = entry; });
  });
  connect(sRate_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editSource(tr("Set rate to %1 req/s").arg(v), [v](Source& s) {
      if (s.rate.kind == RateCurve::Kind::Constant) s.rate.rate_per_s = v;
    });
  });
  connect(sArrivals_, &QComboBox::currentIndexChanged, this, [this] {
    const auto a = static_cast<Source::Arrivals>(sArrivals_->currentData().toInt());
    editSource(tr("Change arrivals"), [a](Source& s) { s.arrivals = a; });
  });
  connect(sPopulation_, &QSpinBox::valueChanged, this, [this](int v) {
    editSource(tr("Set population"), [v](Source& s) { s.population = v; });
  });
  connect(sThink_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editSource(tr("Set think time"), [v](Source& s) { s.think_time.mean_s = v; });
  });
  return page;
}

QWidget* Inspector::buildSimulationPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a narrow dock puts the editor under its label, never cut
  simHorizon_ = doubleSpin(page, 0.0, 1e9, 1, tr(" s"));
  simHorizon_->setObjectName(QStringLiteral("horizon"));
  simWarmup_ = doubleSpin(page, 0.0, 1e9, 1, tr(" s"));
  simReplications_ = intSpin(page, 0, 10000);
  simSeed_ = intSpin(page, 0, 2147483647);
  simWindow_ = doubleSpin(page, 0.0, 1e9, 2, tr(" s"));
  simWindow_->setSpecialValueText(tr("auto (horizon / 120)"));
  simName_ = new QLineEdit(page);
  simName_->setObjectName(QStringLiteral("scenarioName"));
  simDescription_ = new QPlainTextEdit(page);
  simDescription_->setObjectName(QStringLiteral("scenarioDescription"));
  simDescription_->setMinimumHeight(90);
  simDescription_->setPlaceholderText(tr("What this scenario models and what to try"));
  addRow(form, kSimulation, tr("Name"), simName_, QStringLiteral("name"));
  addRow(form, kSimulation, tr("Description"), simDescription_, QStringLiteral("description"));
  connect(simName_, &QLineEdit::editingFinished, this, [this] {
    const std::string name = simName_->text().trimmed().toStdString();
    if (updating_ || name == document_->scenario().name) return;
    document_->applyScenarioEdit(tr("Rename scenario"), [&](Scenario& s) { s.name = name; });
  });
  // One undo step per pause in typing, not per keystroke.
  auto* descriptionTimer = new QTimer(this);
  descriptionTimer->setSingleShot(true);
  descriptionTimer->setInterval(700);
  connect(simDescription_, &QPlainTextEdit::textChanged, this, [this, descriptionTimer] {
    if (!updating_) descriptionTimer->start();
  });
  connect(descriptionTimer, &QTimer::timeout, this, [this] {
    const std::string text = simDescription_->toPlainText().toStdString();
    if (text == document_->scenario().description) return;
    updating_ = true;  // keep the cursor where it is: the refresh below must not rewrite the text
    document_->applyScenarioEdit(tr("Edit description"), [&](Scenario& s) { s.description = text; });
    updating_ = false;
  });
  addRow(form, kSimulation, tr("Horizon"), simHorizon_, QStringLiteral("horizon_s"));
  addRow(form, kSimulation, tr("Warm-up"), simWarmup_, QStringLiteral("warmup_s"));
  addRow(form, kSimulation, tr("Replications"), simReplications_, QStringLiteral("replications"));
  addRow(form, kSimulation, tr("Seed"), simSeed_, QStringLiteral("seed"));
  addRow(form, kSimulation, tr("Chart window"), simWindow_, QStringLiteral("window_s"));
  auto sim = [this](const QString& text, std::function<void(SimulationSettings&)> edit) {
    if (updating_) return;
    document_->applyScenarioEdit(text, [&](Scenario& s) { edit(s.simulation); });
  };
  connect(simHorizon_, &QDoubleSpinBox::valueChanged, this,
          [sim](double v) { sim(tr("Set horizon"), [v](SimulationSettings& s) { s.horizon_s = v; }); });
  connect(simWarmup_, &QDoubleSpinBox::valueChanged, this,
          [sim](double v) { sim(tr("Set warm-up"), [v](SimulationSettings& s) { s.warmup_s = v; }); });
  connect(simReplications_, &QSpinBox::valueChanged, this,
          [sim](int v) { sim(tr("Set replications"), [v](SimulationSettings& s) { s.replications = v; }); });
  connect(simSeed_, &QSpinBox::valueChanged, this,
          [sim](int v) { sim(tr("Set seed"), [v](SimulationSettings& s) { s.seed = static_cast<std::uint64_t>(v); }); });
  connect(simWindow_, &QDoubleSpinBox::valueChanged, this,
          [sim](double v) { sim(tr("Set chart window"), [v](SimulationSettings& s) { s.window_s = v; }); });
  return page;
}

QWidget* Inspector::addPartRow(QFormLayout* form, const QString& label, QWidget* editor, const QString& field) {
  addRow(form, kComponent, label, editor, field);
  partRows_[editor] = editor->parentWidget();
  return editor->parentWidget();
}

void Inspector::setPartRowVisible(QWidget* editor, bool visible) {
  if (auto it = partRows_.find(editor); it != partRows_.end()) cForm_->setRowVisible(it->second, visible);
}

void Inspector::refreshComponentParts(const Component& c, const Scenario& scenario) {
  const bool givenHitRatio = c.cache && c.cache->hit_ratio.count(kAnyClass);
  setPartRowVisible(cHitRatio_, givenHitRatio);
  if (givenHitRatio) cHitRatio_->setValue(c.cache->hit_ratio.at(kAnyClass));
  setPartRowVisible(cShards_, c.database.has_value());
  setPartRowVisible(cReadReplicas_, c.database.has_value());
  if (c.database) {
    cShards_->setValue(c.database->shards);
    cReadReplicas_->setValue(c.database->read_replicas);
  }
  setPartRowVisible(cPartitions_, c.topic.has_value());
  if (c.topic) cPartitions_->setValue(c.topic->partitions);
  setPartRowVisible(cConcurrency_, c.serverless.has_value());
  if (c.serverless) cConcurrency_->setValue(c.serverless->concurrency_limit);
  setPartRowVisible(cRateLimit_, c.rate_limit.has_value());
  setPartRowVisible(cBurst_, c.rate_limit.has_value());
  if (c.rate_limit) {
    cRateLimit_->setValue(c.rate_limit->rate_per_s);
    cBurst_->setValue(c.rate_limit->burst);
  }
  setPartRowVisible(cMinReplicas_, c.autoscaling.has_value());
  setPartRowVisible(cMaxReplicas_, c.autoscaling.has_value());
  if (c.autoscaling) {
    cMinReplicas_->setValue(c.autoscaling->min_replicas);
    cMaxReplicas_->setValue(c.autoscaling->max_replicas);
  }
  // Calls with their resilience settings, one line each (edited in the file for now).
  QStringList calls;
  for (const auto& [cls, behaviour] : c.behaviour)
    forEachCall(behaviour.steps, [&](Step::Kind kind, const CallTarget& call) {
      QString line = QStringLiteral("%1 %2").arg(kind == Step::Kind::Send ? tr("send to") : tr("call"), QString::fromStdString(call.target));
      if (cls != kAnyClass) line += QStringLiteral(" [%1]").arg(QString::fromStdString(cls));
      if (call.timeout_s > 0) line += tr(" · timeout %1").arg(QString::fromStdString(formatLatency(call.timeout_s)));
      if (call.retry && call.retry->max_attempts > 1) line += tr(" · up to %1 attempts").arg(call.retry->max_attempts);
      for (const CircuitBreakerSpec& b : c.circuit_breakers)
        if (b.target == call.target) line += tr(" · circuit breaker");
      for (const ConnectionPoolSpec& p : c.connection_pools)
        if (p.target == call.target) line += tr(" · pool of %1").arg(p.size);
      if (!calls.contains(line)) calls << line;
    });
  setPartRowVisible(cCalls_, !calls.isEmpty());
  cCalls_->setText(calls.join(QLatin1Char('\n')));
  QStringList faults;
  for (const FaultSpec& f : scenario.faults)
    if (f.component == c.name)
      faults << tr("%1 at %2 for %3").arg(QString::fromLatin1(faultKindName(f.kind)), QString::fromStdString(formatSimTime(f.at_s)),
                                          QString::fromStdString(formatSimTime(f.duration_s)));
  setPartRowVisible(cFaults_, !faults.isEmpty());
  cFaults_->setText(faults.join(QLatin1Char('\n')));
}

void Inspector::refreshSourceExtras(const Source& source, const Scenario& scenario) {
  // The traffic curve over the horizon, in the time unit people use for that span.
  const double horizon_s = scenario.simulation.horizon_s > 0 ? scenario.simulation.horizon_s : 3600.0;
  const double unit = horizon_s <= 900 ? 1.0 : horizon_s <= 5 * 3600.0 ? 60.0 : horizon_s <= 4 * 86400.0 ? 3600.0 : 86400.0;
  const QString unitName = unit == 1.0 ? tr("s") : unit == 60.0 ? tr("min") : unit == 3600.0 ? tr("h") : tr("days");
  QVector<double> x, y;
  constexpr int kPoints = 240;
  double top = 0.0;
  if (source.kind == Source::Kind::Open) {
    for (int i = 0; i <= kPoints; ++i) {
      const double t = horizon_s * i / kPoints;
      x << t / unit;
      y << source.rate.rateAt(t);
      top = std::max(top, y.back());
    }
  }
  sPreview_->clearGraphs();
  sPreview_->addGraph()->setData(x, y, true);
  sPreview_->graph(0)->setPen(QPen(palette().color(QPalette::Highlight), 1.6));
  sPreview_->xAxis->setRange(0, horizon_s / unit);
  sPreview_->xAxis->setLabel(tr("time (%1)").arg(unitName));
  sPreview_->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
  sPreview_->setBackground(palette().brush(QPalette::Base));
  for (QCPAxis* axis : {sPreview_->xAxis, sPreview_->yAxis}) {
    axis->setTickLabelColor(palette().color(QPalette::Text));
    axis->setLabelColor(palette().color(QPalette::Text));
    axis->setBasePen(QPen(palette().color(QPalette::Text)));
    axis->ticker()->setTickCount(4);
  }
  sPreview_->setVisible(source.kind == Source::Kind::Open);
  sPreview_->replot();
  QStringList mix;
  double total = 0.0;
  for (const ClassShare& share : source.mix) total += share.weight;
  for (const ClassShare& share : source.mix)
    mix << QStringLiteral("%1 %2%").arg(QString::fromStdString(share.request_class)).arg(total > 0 ? 100.0 * share.weight / total : 0.0, 0, 'f', 1);
  sMix_->setText(mix.isEmpty() ? tr("one class, named after the source") : mix.join(QStringLiteral(" · ")));
}

void Inspector::editComponent(const QString& text, const std::function<void(Component&)>& edit) {
  if (updating_ || !isComponentKey(key_)) return;
  const std::string name = nameFromKey(key_);
  document_->applyScenarioEdit(QStringLiteral("%1: %2").arg(QString::fromStdString(name), text), [&](Scenario& s) {
    for (Component& c : s.components)
      if (c.name == name) edit(c);
  });
}

void Inspector::editSource(const QString& text, const std::function<void(Source&)>& edit) {
  if (updating_ || !isSourceKey(key_)) return;
  const std::string name = nameFromKey(key_);
  document_->applyScenarioEdit(QStringLiteral("%1: %2").arg(QString::fromStdString(name), text), [&](Scenario& s) {
    for (Source& src : s.sources)
      if (src.name == name) edit(src);
  });
}

void Inspector::setCurrentKey(const QString& key) {
  if (key == key_) return;
  key_ = key;
  refresh();
}

void Inspector::refresh() {
  updating_ = true;
  const Scenario& scenario = document_->scenario();
  auto setCombo = [](QComboBox* combo, int data) { combo->setCurrentIndex(std::max(0, combo->findData(data))); };
  const Component* component = isComponentKey(key_) ? scenario.findComponent(nameFromKey(key_)) : nullptr;
  const Source* source = nullptr;
  if (isSourceKey(key_))
    for (const Source& s : scenario.sources)
      if (s.name == nameFromKey(key_)) source = &s;
  if (!component && !source) key_.clear();

  if (component) {
    stack_->setCurrentIndex(ComponentPage);
    title_->setText(tr("Component %1").arg(QString::fromStdString(component->name)));
    cName_->setText(QString::fromStdString(component->name));
    setCombo(cType_, static_cast<int>(component->type));
    cReplicas_->setValue(component->replicas);
    cWorkers_->setValue(component->workers_per_replica);
    setCombo(cDiscipline_, static_cast<int>(component->discipline));
    setCombo(cBalancer_, static_cast<int>(component->balancer));
    cQueue_->setValue(component->queue_capacity ? *component->queue_capacity : -1);
    setCombo(cDist_, static_cast<int>(component->service_time.kind));
    cMean_->setValue(component->service_time.mean() * 1e3);
    cCv_->setValue(component->service_time.cv);
    const bool parametric = component->service_time.kind != Distribution::Kind::Uniform &&
                            component->service_time.kind != Distribution::Kind::Histogram;
    cMean_->setEnabled(parametric);
    cCv_->setEnabled(component->service_time.kind == Distribution::Kind::Lognormal ||
                     component->service_time.kind == Distribution::Kind::Gamma);
    const bool service = component->type == Component::Type::Service || component->type == Component::Type::Topic;
    for (QWidget* w : std::initializer_list<QWidget*>{cReplicas_, cWorkers_, cDiscipline_, cBalancer_, cQueue_})
      w->setEnabled(service);
    QStringList behaviours;
    for (const auto& [cls, b] : component->behaviour) {
      QString text = describeSteps(b.steps);
      for (const RouteChoice& r : b.next)
        text += QStringLiteral("%1next %2 (p=%3)").arg(text.isEmpty() ? QString() : QStringLiteral("; "),
                                                       QString::fromStdString(r.to))
                    .arg(r.probability, 0, 'g', 3);
      behaviours << QStringLiteral("%1: %2").arg(cls == kAnyClass ? tr("all classes") : QString::fromStdString(cls),
                                                 text.isEmpty() ? tr("(answers)") : text);
    }
    cSteps_->setText(behaviours.isEmpty() ? tr("answers directly") : behaviours.join(QLatin1Char('\n')));
    cErrorRatio_->setValue(component->error_ratio);
    refreshComponentParts(*component, scenario);
  } else if (source) {
    stack_->setCurrentIndex(SourcePage);
    title_->setText(tr("Source %1").arg(QString::fromStdString(source->name)));
    sName_->setText(QString::fromStdString(source->name));
    setCombo(sKind_, static_cast<int>(source->kind));
    sEntry_->clear();
    for (const Component& c : scenario.components) sEntry_->addItem(QString::fromStdString(c.name));
    if (sEntry_->findText(QString::fromStdString(source->entry)) < 0)
      sEntry_->addItem(QString::fromStdString(source->entry));  // dangling: keep it visible, validation says why
    sEntry_->setCurrentIndex(sEntry_->findText(QString::fromStdString(source->entry)));
    const bool open = source->kind == Source::Kind::Open;
    const bool constant = source->rate.kind == RateCurve::Kind::Constant;
    sRate_->setValue(source->rate.rate_per_s);
    sRate_->setEnabled(open && constant);
    sCurve_->setText(constant ? tr("constant") : tr("%1 (edit in the file)").arg(QString::fromStdString(source->rate.kindName())));
    setCombo(sArrivals_, static_cast<int>(source->arrivals));
    sArrivals_->setEnabled(open);
    sPopulation_->setValue(source->population);
    sPopulation_->setEnabled(!open);
    sThink_->setValue(source->think_time.mean());
    sThink_->setEnabled(!open);
    refreshSourceExtras(*source, scenario);
  } else {
    stack_->setCurrentIndex(SimulationPage);
    title_->setText(tr("Simulation settings"));
    simHorizon_->setValue(scenario.simulation.horizon_s);
    simWarmup_->setValue(scenario.simulation.warmup_s);
    simReplications_->setValue(scenario.simulation.replications);
    simSeed_->setValue(static_cast<int>(std::min<std::uint64_t>(scenario.simulation.seed, 2147483647u)));
    simWindow_->setValue(scenario.simulation.window_s);
    if (!simName_->hasFocus()) simName_->setText(QString::fromStdString(scenario.name));
    if (simDescription_->toPlainText().toStdString() != scenario.description)
      simDescription_->setPlainText(QString::fromStdString(scenario.description));
  }
  showIssues();
  updating_ = false;
}

void Inspector::showIssues() {
  const QString page = isComponentKey(key_) ? kComponent : isSourceKey(key_) ? kSource : kSimulation;
  std::map<QString, QStringList> byField;
  QStringList general;
  for (const ValidationIssue& issue : document_->issuesFor(key_)) {
    const QString field = QString::fromStdString(issue.field);
    // The most specific row whose field is a prefix of the issue's field ("service_time.mean" before
    // "service_time"); "behaviour.checkout.steps[1].call" lands on "behaviour".
    QString best;
    for (const auto& [id, label] : errorLabels_) {
      if (!id.startsWith(page + QLatin1Char('/'))) continue;
      const QString rowField = id.mid(page.size() + 1);
      const bool matches = field == rowField || field.startsWith(rowField + QLatin1Char('.')) ||
                           field.startsWith(rowField + QLatin1Char('['));
      if (matches && rowField.size() > best.size()) best = rowField;
    }
    const QString rule = QString::fromStdString(issue.rule);
    if (best.isEmpty()) general << QStringLiteral("%1: %2").arg(field, rule);
    else byField[best] << (field == best ? rule : QStringLiteral("%1: %2").arg(field, rule));
  }
  for (const auto& [id, label] : errorLabels_) {
    const QString rowField = id.mid(id.indexOf(QLatin1Char('/')) + 1);
    const bool mine = id.startsWith(page + QLatin1Char('/'));
    const QStringList messages = mine ? byField[rowField] : QStringList();
    label->setText(messages.join(QLatin1Char('\n')));
    label->setVisible(!messages.isEmpty());
  }
  // Problems elsewhere still matter for running: say how many, so the user knows Run will refuse.
  const std::size_t total = document_->issues().size();
  const std::size_t here = document_->issuesFor(key_).size();
  if (total > here) general << tr("%n other problem(s) in the scenario (see the tree).", nullptr, static_cast<int>(total - here));
  general_->setText(general.join(QLatin1Char('\n')));
  general_->setVisible(!general.isEmpty());
}

QString Inspector::fieldError(const QString& field) const {
  const QString page = isComponentKey(key_) ? kComponent : isSourceKey(key_) ? kSource : kSimulation;
  auto it = errorLabels_.find(page + QLatin1Char('/') + field);
  return it == errorLabels_.end() ? QString() : it->second->text();
}

QString Inspector::generalIssues() const { return general_->text(); }

}  // namespace headroom
