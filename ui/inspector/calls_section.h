#pragma once
// Resilience on each call of a component: per-attempt timeout, retries (attempts, backoff, jitter), the
// circuit breaker and the connection pool towards the call's target. A picker chooses the call.
#include "ui/inspector/inspector_section.h"

class QCheckBox;

namespace headroom {

class CallsSection : public InspectorSection {
  Q_OBJECT

 public:
  CallsSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  // The selected call in `s` (nullptr when gone), and whether it is a send.
  CallTarget* selectedCall(Scenario& s, bool* isSend = nullptr) const;
  void editRetry(const QString& undo, const std::function<void(RetrySpec&)>& change);
  void editBreaker(const QString& undo, const std::function<void(CircuitBreakerSpec&)>& change);

  QComboBox* picker_ = nullptr;
  QDoubleSpinBox* timeout_ = nullptr;
  QSpinBox* attempts_ = nullptr;
  QDoubleSpinBox* baseBackoff_ = nullptr;
  QDoubleSpinBox* multiplier_ = nullptr;
  QDoubleSpinBox* maxBackoff_ = nullptr;
  QComboBox* jitter_ = nullptr;
  QCheckBox* breaker_ = nullptr;
  QDoubleSpinBox* failureRatio_ = nullptr;
  QSpinBox* minimumCalls_ = nullptr;
  QDoubleSpinBox* window_ = nullptr;
  QDoubleSpinBox* open_ = nullptr;
  QSpinBox* halfOpen_ = nullptr;
  QSpinBox* poolSize_ = nullptr;
  QDoubleSpinBox* poolWait_ = nullptr;
};

}  // namespace headroom
