#include "importers/builtin_importers.h"

#include "importers/prometheus_json.h"
#include "importers/prometheus_text.h"

namespace headroom {

std::vector<std::unique_ptr<Importer>> makeBuiltinImporters() {
  std::vector<std::unique_ptr<Importer>> v;
  v.push_back(std::make_unique<PrometheusJsonImporter>());
  v.push_back(std::make_unique<PrometheusTextImporter>());
  return v;
}

}  // namespace headroom
