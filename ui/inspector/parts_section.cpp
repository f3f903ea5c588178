#include "ui/inspector/parts_section.h"

#include <QDoubleSpinBox>
#include <QSpinBox>

namespace headroom {

PartsSection::PartsSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Parts"), parent) {
  hitRatio_ = addNumber(tr("Cache hit ratio"), QStringLiteral("cache.hit_ratio"), 0.0, 1.0, 3, QString(),
                        [this](Scenario& s, double v) {
                          if (Component* c = component(s); c && c->cache) c->cache->hit_ratio[kAnyClass] = v;
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

bool PartsSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  if (!c) return false;
  const bool givenHitRatio = c->cache && c->cache->hit_ratio.count(kAnyClass);
  setRowVisible(hitRatio_, givenHitRatio);
  if (givenHitRatio) hitRatio_->setValue(c->cache->hit_ratio.at(kAnyClass));
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
