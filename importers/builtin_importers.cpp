#include "importers/builtin_importers.h"

#include "importers/access_log.h"
#include "importers/cloudwatch_json.h"
#include "importers/datadog_json.h"
#include "importers/gatling_log.h"
#include "importers/jmeter_jtl.h"
#include "importers/k6.h"
#include "importers/locust.h"
#include "importers/newrelic_json.h"
#include "importers/nginx_plus.h"
#include "importers/otlp_json.h"
#include "importers/prometheus_json.h"
#include "importers/prometheus_text.h"
#include "importers/time_csv.h"

namespace headroom {

std::vector<std::unique_ptr<Importer>> makeBuiltinImporters() {
  std::vector<std::unique_ptr<Importer>> v;
  v.push_back(std::make_unique<PrometheusJsonImporter>());
  v.push_back(std::make_unique<PrometheusTextImporter>());
  v.push_back(std::make_unique<CloudWatchJsonImporter>());
  v.push_back(std::make_unique<GrafanaCsvImporter>());
  v.push_back(std::make_unique<DatadogJsonImporter>());
  v.push_back(std::make_unique<JMeterImporter>());
  v.push_back(std::make_unique<K6RawImporter>());
  v.push_back(std::make_unique<K6SummaryImporter>());
  v.push_back(std::make_unique<LocustImporter>());
  v.push_back(std::make_unique<OtlpJsonImporter>());
  v.push_back(std::make_unique<NewRelicJsonImporter>());
  v.push_back(std::make_unique<AccessLogImporter>());
  v.push_back(std::make_unique<GatlingLogImporter>());
  v.push_back(std::make_unique<NginxPlusStatusImporter>());
  v.push_back(std::make_unique<TimeSeriesCsvImporter>());  // generic: last, lowest confidence
  return v;
}

}  // namespace headroom
