#include "simulator/scenario_hash.h"

#include <cstdio>

#include "model/scenario_json.h"
#include "simulator/random_stream.h"

namespace headroom {

std::string scenarioHashHex(const Scenario& scenario) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(stableHash(scenarioToJson(scenario).dump())));
  return buf;
}

}  // namespace headroom
