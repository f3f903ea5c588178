#include "ui/inspector/calls_section.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include "ui/scenario_document.h"

namespace headroom {

namespace {

struct CallRef {
  std::string behaviour;  // class key
  int ordinal = 0;        // n-th call of that behaviour, in forEachCall order
};

// Same order as forEachCall, on a mutable behaviour.
template <typename Visit>
void forEachCallMutable(std::vector<Step>& steps, Visit&& visit) {
  for (Step& s : steps) {
    for (CallTarget& c : s.calls) visit(s.kind, c);
    for (BranchArm& a : s.arms) forEachCallMutable(a.steps, visit);
  }
}

std::vector<CallRef> callsOf(const Component& c) {
  std::vector<CallRef> out;
  for (const auto& [cls, b] : c.behaviour) {
    int n = 0;
    forEachCall(b.steps, [&](Step::Kind, const CallTarget&) { out.push_back({cls, n++}); });
  }
  return out;
}

}  // namespace

CallsSection::CallsSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Calls"), parent) {
  picker_ = addPicker(tr("Call"), nullptr, nullptr, QString());
  picker_->setObjectName(QStringLiteral("callPicker"));
  // Calls are added and removed on the canvas (Connect mode, Delete); here they are tuned.
  timeout_ = addNumber(tr("Timeout per attempt"), QStringLiteral("timeout"), 0.0, 1e9, 1, tr(" ms"),
                       [this](Scenario& s, double v) { if (CallTarget* c = selectedCall(s)) c->timeout_s = v / 1e3; },
                       tr("Set call timeout"));
  timeout_->setSpecialValueText(tr("none (wait forever)"));
  timeout_->setObjectName(QStringLiteral("callTimeout"));
  attempts_ = addInteger(tr("Attempts (incl. first)"), QStringLiteral("retry"), 1, 100,
                         [this](Scenario& s, int v) {
                           bool send = false;
                           CallTarget* c = selectedCall(s, &send);
                           if (!c || send) return;
                           if (v <= 1) c->retry.reset();
                           else {
                             if (!c->retry) c->retry = RetrySpec{};
                             c->retry->max_attempts = v;
                           }
                         },
                         tr("Set retry attempts"));
  attempts_->setSpecialValueText(tr("1 (no retry)"));
  attempts_->setObjectName(QStringLiteral("retryAttempts"));
  baseBackoff_ = addNumber(tr("  first backoff"), QStringLiteral("retry.base_backoff_s"), 0.0, 3600.0, 3, tr(" s"),
                           nullptr, QString());
  multiplier_ = addNumber(tr("  multiplier"), QStringLiteral("retry.multiplier"), 1.0, 100.0, 2, QStringLiteral(" ×"), nullptr, QString());
  maxBackoff_ = addNumber(tr("  max backoff"), QStringLiteral("retry.max_backoff_s"), 0.0, 86400.0, 2, tr(" s"), nullptr, QString());
  jitter_ = addChoice(tr("  jitter"), QStringLiteral("retry.jitter"),
                      {{tr("none"), int(RetrySpec::Jitter::None)}, {tr("full"), int(RetrySpec::Jitter::Full)},
                       {tr("equal"), int(RetrySpec::Jitter::Equal)}},
                      nullptr, QString());
  // These rows edit the retry block only when it exists.
  connect(baseBackoff_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editRetry(tr("Set retry backoff"), [v](RetrySpec& r) { r.base_backoff_s = v; }); });
  connect(multiplier_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editRetry(tr("Set backoff multiplier"), [v](RetrySpec& r) { r.multiplier = v; }); });
  connect(maxBackoff_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editRetry(tr("Set max backoff"), [v](RetrySpec& r) { r.max_backoff_s = v; }); });
  connect(jitter_, &QComboBox::currentIndexChanged, this, [this] {
    const auto j = static_cast<RetrySpec::Jitter>(jitter_->currentData().toInt());
    editRetry(tr("Set retry jitter"), [j](RetrySpec& r) { r.jitter = j; });
  });

  breaker_ = addCheck(tr("Circuit breaker on this target"), QStringLiteral("circuit_breakers"),
                      [this](Scenario& s, bool on) {
                        Component* c = component(s);
                        CallTarget* call = selectedCall(s);
                        if (!c || !call) return;
                        const std::string target = call->target;
                        std::erase_if(c->circuit_breakers, [&](const CircuitBreakerSpec& b) { return b.target == target; });
                        if (on) {
                          CircuitBreakerSpec b;
                          b.target = target;
                          c->circuit_breakers.push_back(b);
                        }
                      },
                      tr("Toggle circuit breaker"));
  breaker_->setObjectName(QStringLiteral("circuitBreaker"));
  failureRatio_ = addNumber(tr("  opens at failure ratio"), QStringLiteral("circuit_breakers.failure_ratio"), 0.0, 1.0, 2, QString(), nullptr, QString());
  minimumCalls_ = addInteger(tr("  minimum calls"), QStringLiteral("circuit_breakers.minimum_calls"), 0, 1000000, nullptr, QString());
  window_ = addNumber(tr("  over a window of"), QStringLiteral("circuit_breakers.window_s"), 0.0, 86400.0, 1, tr(" s"), nullptr, QString());
  open_ = addNumber(tr("  stays open for"), QStringLiteral("circuit_breakers.open_s"), 0.0, 86400.0, 1, tr(" s"), nullptr, QString());
  halfOpen_ = addInteger(tr("  half-open trial calls"), QStringLiteral("circuit_breakers.half_open_calls"), 0, 100000, nullptr, QString());
  connect(failureRatio_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editBreaker(tr("Set breaker failure ratio"), [v](CircuitBreakerSpec& b) { b.failure_ratio = v; }); });
  connect(minimumCalls_, &QSpinBox::valueChanged, this,
          [this](int v) { editBreaker(tr("Set breaker minimum calls"), [v](CircuitBreakerSpec& b) { b.minimum_calls = v; }); });
  connect(window_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editBreaker(tr("Set breaker window"), [v](CircuitBreakerSpec& b) { b.window_s = v; }); });
  connect(open_, &QDoubleSpinBox::valueChanged, this,
          [this](double v) { editBreaker(tr("Set breaker open time"), [v](CircuitBreakerSpec& b) { b.open_s = v; }); });
  connect(halfOpen_, &QSpinBox::valueChanged, this,
          [this](int v) { editBreaker(tr("Set breaker trial calls"), [v](CircuitBreakerSpec& b) { b.half_open_calls = v; }); });

  poolSize_ = addInteger(tr("Connection pool / replica"), QStringLiteral("pool"), 0, 1000000,
                         [this](Scenario& s, int v) {
                           Component* c = component(s);
                           CallTarget* call = selectedCall(s);
                           if (!c || !call) return;
                           const std::string target = call->target;
                           auto it = std::find_if(c->connection_pools.begin(), c->connection_pools.end(),
                                                  [&](const ConnectionPoolSpec& p) { return p.target == target; });
                           if (v == 0) {
                             if (it != c->connection_pools.end()) c->connection_pools.erase(it);
                           } else if (it == c->connection_pools.end()) {
                             c->connection_pools.push_back(ConnectionPoolSpec{target, v, 0.0});
                           } else {
                             it->size = v;
                           }
                         },
                         tr("Set connection pool"));
  poolSize_->setSpecialValueText(tr("none"));
  poolWait_ = addNumber(tr("  wait for a connection"), QStringLiteral("pool.max_wait_s"), 0.0, 3600.0, 3, tr(" s"),
                        [this](Scenario& s, double v) {
                          Component* c = component(s);
                          CallTarget* call = selectedCall(s);
                          if (!c || !call) return;
                          for (ConnectionPoolSpec& p : c->connection_pools)
                            if (p.target == call->target) p.max_wait_s = v;
                        },
                        tr("Set pool wait"));
  poolWait_->setSpecialValueText(tr("0 (bulkhead: fail at once)"));
}

bool CallsSection::ownsWhere(const std::string& where) const { return where == "component '" + name() + "'"; }

QString CallsSection::rowFor(const ValidationIssue& issue) const {
  const std::string& f = issue.field;
  if (f.rfind("circuit_breakers", 0) == 0) return QStringLiteral("circuit_breakers");
  if (f.rfind("connection_pools", 0) == 0 || f.rfind("bulkheads", 0) == 0) return QStringLiteral("pool");
  if (f.rfind("behaviour", 0) != 0) return {};
  if (f.find(".retry") != std::string::npos) return QStringLiteral("retry");
  if (f.find(".timeout") != std::string::npos) return QStringLiteral("timeout");
  return {};
}

CallTarget* CallsSection::selectedCall(Scenario& s, bool* isSend) const {
  Component* c = component(s);
  if (!c) return nullptr;
  const std::vector<CallRef> refs = callsOf(*c);
  if (selected() < 0 || selected() >= static_cast<int>(refs.size())) return nullptr;
  const CallRef& ref = refs[static_cast<std::size_t>(selected())];
  CallTarget* found = nullptr;
  int n = 0;
  forEachCallMutable(c->behaviour[ref.behaviour].steps, [&](Step::Kind kind, CallTarget& call) {
    if (n++ == ref.ordinal) {
      found = &call;
      if (isSend) *isSend = kind == Step::Kind::Send;
    }
  });
  return found;
}

void CallsSection::editRetry(const QString& undo, const std::function<void(RetrySpec&)>& change) {
  edit(undo, [&](Scenario& s) {
    if (CallTarget* c = selectedCall(s); c && c->retry) change(*c->retry);
  });
}

void CallsSection::editBreaker(const QString& undo, const std::function<void(CircuitBreakerSpec&)>& change) {
  edit(undo, [&](Scenario& s) {
    Component* c = component(s);
    CallTarget* call = selectedCall(s);
    if (!c || !call) return;
    for (CircuitBreakerSpec& b : c->circuit_breakers)
      if (b.target == call->target) change(b);
  });
}

bool CallsSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  if (!c) return false;
  QStringList items;
  for (const auto& [cls, b] : c->behaviour)
    forEachCall(b.steps, [&, &cls = cls](Step::Kind kind, const CallTarget& call) {
      QString text = QStringLiteral("%1 %2").arg(kind == Step::Kind::Send ? tr("send to") : tr("call"), QString::fromStdString(call.target));
      if (cls != kAnyClass) text += QStringLiteral(" [%1]").arg(QString::fromStdString(cls));
      items << text;
    });
  setPickerItems(items);
  if (items.isEmpty()) return false;
  Scenario copy = scenario;  // selectedCall works on a mutable scenario
  bool send = false;
  const CallTarget* call = selectedCall(copy, &send);
  if (!call) return false;
  timeout_->setValue(call->timeout_s * 1e3);
  timeout_->setEnabled(!send);
  attempts_->setValue(call->retry ? call->retry->max_attempts : 1);
  attempts_->setEnabled(!send);
  const bool retry = call->retry && !send;
  for (QWidget* w : std::initializer_list<QWidget*>{baseBackoff_, multiplier_, maxBackoff_, jitter_}) setRowVisible(w, retry);
  if (retry) {
    baseBackoff_->setValue(call->retry->base_backoff_s);
    multiplier_->setValue(call->retry->multiplier);
    maxBackoff_->setValue(call->retry->max_backoff_s);
    setChoice(jitter_, static_cast<int>(call->retry->jitter));
  }
  const CircuitBreakerSpec* breaker = nullptr;
  for (const CircuitBreakerSpec& b : c->circuit_breakers)
    if (b.target == call->target) breaker = &b;
  breaker_->setChecked(breaker != nullptr);
  breaker_->setEnabled(!send);
  for (QWidget* w : std::initializer_list<QWidget*>{failureRatio_, minimumCalls_, window_, open_, halfOpen_}) setRowVisible(w, breaker);
  if (breaker) {
    failureRatio_->setValue(breaker->failure_ratio);
    minimumCalls_->setValue(breaker->minimum_calls);
    window_->setValue(breaker->window_s);
    open_->setValue(breaker->open_s);
    halfOpen_->setValue(breaker->half_open_calls);
  }
  const ConnectionPoolSpec* pool = nullptr;
  for (const ConnectionPoolSpec& p : c->connection_pools)
    if (p.target == call->target) pool = &p;
  poolSize_->setValue(pool ? pool->size : 0);
  poolSize_->setEnabled(!send);
  setRowVisible(poolWait_, pool != nullptr);
  if (pool) poolWait_->setValue(pool->max_wait_s);
  return true;
}

}  // namespace headroom
