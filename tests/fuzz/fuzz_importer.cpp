// libFuzzer target: one importer (chosen at build time by HEADROOM_FUZZ_IMPORTER, an importer id) reads the
// input as a file. Any ImportError is a correct answer; a crash, a sanitizer report, a hang (-timeout), memory
// beyond -rss_limit_mb or any other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "importers/registry.h"

namespace {

const headroom::Importer& importer() {
  static const headroom::ImporterRegistry registry;
  static const headroom::Importer* found = registry.find(HEADROOM_FUZZ_IMPORTER);
  if (!found) std::abort();  // a build mistake: the id is not registered
  return *found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  headroom::ImportOptions options;
  options.quantiles = {0.5, 0.99};
  try {
    (void)importer().read(in, "fuzz-input", options, nullptr);
  } catch (const headroom::ImportError&) {
  }
  return 0;
}
