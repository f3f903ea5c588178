#include "ui/inspector/parts_section.h"

#include <iterator>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include "ui/scenario_document.h"

namespace headroom {

PartsSection::PartsSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Parts"), parent) {
  // Given hit ratios, per class: "*" (every class) and/or one entry per class. "+" adds the first class without
  // an entry; the class of an entry can be changed to one that has none.
  ratioPicker_ = addPicker(tr("Cache hit ratios"),
                           [this](Scenario& s) {
                             Component* c = component(s);
                             if (!c || !c->cache) return;
                             std::vector<std::string> candidates{kAnyClass};
                             for (const std::string& cls : s.allRequestClasses()) candidates.push_back(cls);
                             for (const std::string& cls : candidates)
                               if (!c->cache->hit_ratio.count(cls)) {
                                 const auto any = c->cache->hit_ratio.find(kAnyClass);
                                 c->cache->hit_ratio[cls] = any != c->cache->hit_ratio.end() ? any->second : 0.8;
                                 select(ratioPicker_, static_cast<int>(std::distance(c->cache->hit_ratio.begin(), c->cache->hit_ratio.find(cls))));
                                 return;
                               }
                           },
                           [this](Scenario& s, int index) {
                             Component* c = component(s);
                             if (!c || !c->cache || index < 0 || index >= static_cast<int>(c->cache->hit_ratio.size())) return;
                             c->cache->hit_ratio.erase(std::next(c->cache->hit_ratio.begin(), index));
                           },
                           tr("hit ratio"), QStringLiteral("cache"));
  ratioPicker_->setObjectName(QStringLiteral("hitRatioPicker"));
  ratioClass_ = new QComboBox(this);
  ratioClass_->setObjectName(QStringLiteral("hitRatioClass"));
  addRow(tr("  for class"), ratioClass_, QStringLiteral("cache.hit_ratio.class"));
  connect(ratioClass_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_ || ratioClass_->currentIndex() < 0) return;
    const std::string to = ratioClass_->currentData().toString().toStdString();
    const std::string from = selectedRatioClass(document_->scenario());
    const Component* c = component(document_->scenario());
    if (from.empty() || to == from || !c || !c->cache) return;
    if (c->cache->hit_ratio.count(to)) {
      refuse(QStringLiteral("cache.hit_ratio.class"),
             tr("'%1' already has a hit ratio (pick it in the list above)").arg(ratioClass_->currentText()));
      return;
    }
    edit(tr("Set hit ratio class"), [&](Scenario& s) {
      Component* m = component(s);
      if (!m || !m->cache) return;
      auto node = m->cache->hit_ratio.extract(from);
      node.key() = to;
      m->cache->hit_ratio.insert(std::move(node));
      select(ratioPicker_, static_cast<int>(std::distance(m->cache->hit_ratio.begin(), m->cache->hit_ratio.find(to))));  // follow the entry
    });
  });
  hitRatio_ = addNumber(tr("  hit ratio"), QStringLiteral("cache.hit_ratio.ratio"), 0.0, 1.0, 3, QString(),
                        [this](Scenario& s, double v) {
                          const std::string cls = selectedRatioClass(s);
                          if (Component* c = component(s); c && c->cache && !cls.empty()) c->cache->hit_ratio[cls] = v;
                        },
                        tr("Set cache hit ratio"));
  hitRatio_->setObjectName(QStringLiteral("cacheHitRatio"));
  shards_ = addInteger(tr("Database shards"), QStringLiteral("database.shards"), 0, 100000,
                       [this](Scenario& s, int v) { if (Component* c = component(s); c && c->database) c->database->shards = v; },
                       tr("Set shards"));
  shards_->setObjectName(QStringLiteral("databaseShards"));
  readReplicas_ = addInteger(tr("Read replicas / shard"), QStringLiteral("database.read_replicas"), 0, 10000,
                             [this](Scenario& s, int v) {
                               if (Component* c = component(s); c && c->database) c->database->read_replicas = v;
                             },
                             tr("Set read replicas"));
  readReplicas_->setObjectName(QStringLiteral("databaseReadReplicas"));
  partitions_ = addInteger(tr("Topic partitions"), QStringLiteral("topic.partitions"), 0, 100000,
                           [this](Scenario& s, int v) { if (Component* c = component(s); c && c->topic) c->topic->partitions = v; },
                           tr("Set partitions"));
  partitions_->setObjectName(QStringLiteral("topicPartitions"));
  concurrency_ = addInteger(tr("Concurrency limit"), QStringLiteral("serverless.concurrency_limit"), 0, 10000000,
                            [this](Scenario& s, int v) {
                              if (Component* c = component(s); c && c->serverless) c->serverless->concurrency_limit = v;
                            },
                            tr("Set concurrency limit"));
  concurrency_->setObjectName(QStringLiteral("serverlessConcurrency"));
  rateLimit_ = addNumber(tr("Rate limit"), QStringLiteral("rate_limit.rate_per_s"), 0.0, 1e9, 3, tr(" req/s per client"),
                         [this](Scenario& s, double v) { if (Component* c = component(s); c && c->rate_limit) c->rate_limit->rate_per_s = v; },
                         tr("Set rate limit"));
  rateLimit_->setObjectName(QStringLiteral("rateLimit"));
  burst_ = addNumber(tr("  burst"), QStringLiteral("rate_limit.burst"), 0.0, 1e9, 1, tr(" requests"),
                     [this](Scenario& s, double v) { if (Component* c = component(s); c && c->rate_limit) c->rate_limit->burst = v; },
                     tr("Set burst"));
}

bool PartsSection::ownsWhere(const std::string& where) const { return where == "component '" + name() + "'"; }

std::string PartsSection::selectedRatioClass(const Scenario& scenario) const {
  const Component* c = component(scenario);
  const int index = selected(ratioPicker_);
  if (!c || !c->cache || index < 0 || index >= static_cast<int>(c->cache->hit_ratio.size())) return {};
  return std::next(c->cache->hit_ratio.begin(), index)->first;
}

QString PartsSection::rowFor(const ValidationIssue& issue) const {
  // "cache.hit_ratio.<class>" of the picked entry: an unknown class on the class row, a bad ratio on the ratio row.
  const std::string cls = selectedRatioClass(document_->scenario());
  if (!cls.empty() && issue.field == "cache.hit_ratio." + cls)
    return issue.rule.find("class") != std::string::npos ? QStringLiteral("cache.hit_ratio.class") : QStringLiteral("cache.hit_ratio.ratio");
  const QString row = InspectorSection::rowFor(issue);
  // A key-mode cache has no rows here: its issues are listed under the page rather than on a hidden row.
  const Component* c = component(document_->scenario());
  if (row == QStringLiteral("cache") && !(c && c->cache && (!c->cache->hit_ratio.empty() || c->cache->keys == 0))) return {};
  return row;
}

bool PartsSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  if (!c) return false;
  // Given-ratio mode (no keys): the ratios are the cache's only parameter, so the list shows even when empty.
  const bool givenHitRatio = c->cache && (!c->cache->hit_ratio.empty() || c->cache->keys == 0);
  setRowVisible(ratioPicker_, givenHitRatio);
  if (givenHitRatio) {
    QStringList items;
    for (const auto& [cls, ratio] : c->cache->hit_ratio)
      items << tr("%1: %2").arg(cls == kAnyClass ? tr("every class (*)") : QString::fromStdString(cls)).arg(ratio, 0, 'f', 3);
    setPickerItems(ratioPicker_, items);
  }
  const std::string cls = givenHitRatio ? selectedRatioClass(scenario) : std::string();
  setRowVisible(ratioClass_, !cls.empty());
  setRowVisible(hitRatio_, !cls.empty());
  if (!cls.empty()) {
    ratioClass_->clear();
    ratioClass_->addItem(tr("every class (*)"), QString::fromLatin1(kAnyClass));
    for (const std::string& known : scenario.allRequestClasses()) ratioClass_->addItem(QString::fromStdString(known), QString::fromStdString(known));
    if (ratioClass_->findData(QString::fromStdString(cls)) < 0) ratioClass_->addItem(QString::fromStdString(cls), QString::fromStdString(cls));
    ratioClass_->setCurrentIndex(ratioClass_->findData(QString::fromStdString(cls)));
    hitRatio_->setValue(c->cache->hit_ratio.at(cls));
  }
  setRowVisible(shards_, c->database.has_value());
  setRowVisible(readReplicas_, c->database.has_value());
  if (c->database) {
    shards_->setValue(c->database->shards);
    readReplicas_->setValue(c->database->read_replicas);
  }
  setRowVisible(partitions_, c->topic.has_value());
  if (c->topic) partitions_->setValue(c->topic->partitions);
  setRowVisible(concurrency_, c->serverless.has_value());
  if (c->serverless) concurrency_->setValue(c->serverless->concurrency_limit);
  setRowVisible(rateLimit_, c->rate_limit.has_value());
  setRowVisible(burst_, c->rate_limit.has_value());
  if (c->rate_limit) {
    rateLimit_->setValue(c->rate_limit->rate_per_s);
    burst_->setValue(c->rate_limit->burst);
  }
  return givenHitRatio || c->database || c->topic || c->serverless || c->rate_limit;
}

}  // namespace headroom
