// libFuzzer target: the input as a scenario file, through the reader and the validator (what `headroom-cli
// validate` does). A ScenarioError is a correct answer; anything else escaping, a crash, a sanitizer report, a
// hang or runaway memory is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/scenario_json.h"
#include "model/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const headroom::Scenario scenario = headroom::scenarioFromText(text, "fuzz-input");
    (void)headroom::validateScenario(scenario);
  } catch (const headroom::ScenarioError&) {
  }
  return 0;
}
