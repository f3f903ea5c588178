// libFuzzer target: one importer reads the input as a file. The importer is named by the executable
// (fuzz_import_<id> or replay_import_<id>), so one object file serves every importer. Any ImportError is a correct answer; a crash, a sanitizer report, a hang (-timeout), memory
// beyond -rss_limit_mb or any other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "importers/registry.h"

namespace {

const headroom::Importer* g_importer = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  static const headroom::ImporterRegistry registry;
  const std::string exe = *argc > 0 ? (*argv)[0] : "";
  const auto at = exe.rfind("import_");
  g_importer = at == std::string::npos ? nullptr : registry.find(exe.substr(at + 7));
  if (!g_importer) {
    std::fprintf(stderr, "%s: the executable must be named fuzz_import_<importer id>\n", exe.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  headroom::ImportOptions options;
  options.quantiles = {0.5, 0.99};
  try {
    (void)g_importer->read(in, "fuzz-input", options, nullptr);
  } catch (const headroom::ImportError&) {
  }
  return 0;
}
